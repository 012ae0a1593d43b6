import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import{a}from"./chunk-MMOHABOS.js";import"./chunk-OGZUAG7D.js";import"./chunk-Z5ZKXAE6.js";import"./chunk-VUZWPF7Y.js";import"./chunk-4NQJDXOI.js";import"./chunk-EHFRQBYO.js";import"./chunk-MUVXNR6Z.js";import"./chunk-TZN7URKK.js";export{a as parseDesiredState};

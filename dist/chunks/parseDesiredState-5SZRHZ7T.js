import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import{a}from"./chunk-X7Q2PT4W.js";import"./chunk-OGZUAG7D.js";import"./chunk-JVTCKYGA.js";import"./chunk-VUZWPF7Y.js";import"./chunk-4NQJDXOI.js";import"./chunk-EHFRQBYO.js";import"./chunk-MUVXNR6Z.js";import"./chunk-TZN7URKK.js";export{a as parseDesiredState};

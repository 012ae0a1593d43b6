import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import{a}from"./chunk-ESR6FG7M.js";import"./chunk-4LMJK3K7.js";import"./chunk-PB7HYKTH.js";import"./chunk-L7HKJLE6.js";import"./chunk-2VBUVMN6.js";import"./chunk-UV7XLQIR.js";import"./chunk-UFGKD4ES.js";import"./chunk-TZN7URKK.js";export{a as parseDesiredState};

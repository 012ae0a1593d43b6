import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import{a}from"./chunk-KJECWASJ.js";import"./chunk-DXZHCJ3Q.js";import"./chunk-46AI3KST.js";import"./chunk-SHGRPGGO.js";import"./chunk-Q3TI3Y2J.js";import"./chunk-XLEWBXUR.js";import"./chunk-CF56J4PB.js";import"./chunk-O4I4ZDMP.js";import"./chunk-TZN7URKK.js";export{a as desiredStateFrom};

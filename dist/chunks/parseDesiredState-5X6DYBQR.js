import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import{a}from"./chunk-24D2574X.js";import"./chunk-4UZ3NU7F.js";import"./chunk-K72I2DGT.js";import"./chunk-Q3TI3Y2J.js";import"./chunk-XLEWBXUR.js";import"./chunk-ZBT5VOOE.js";import"./chunk-PUOIYNVR.js";import"./chunk-O4I4ZDMP.js";import"./chunk-TZN7URKK.js";export{a as parseDesiredState};

import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import{a}from"./chunk-X4THJLL7.js";import"./chunk-CZG4QUXA.js";import"./chunk-Q3TI3Y2J.js";import"./chunk-XLEWBXUR.js";import"./chunk-C2HDJGIK.js";import"./chunk-PUOIYNVR.js";import"./chunk-O4I4ZDMP.js";import"./chunk-TZN7URKK.js";export{a as parseDesiredState};

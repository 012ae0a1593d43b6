import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import{a}from"./chunk-WHHYTJYW.js";import"./chunk-QMM6YS2U.js";import"./chunk-ECKNHI6X.js";import"./chunk-3K2FMN5B.js";import"./chunk-OJSPLV5T.js";import"./chunk-67P5REFV.js";import"./chunk-TZN7URKK.js";export{a as parseDesiredState};

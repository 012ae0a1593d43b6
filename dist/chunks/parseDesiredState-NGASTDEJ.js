import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import{a}from"./chunk-BXQ25RUK.js";import"./chunk-JW6S5ACY.js";import"./chunk-WT5IAGWU.js";import"./chunk-4IBHGPBG.js";import"./chunk-74V4ZQ2W.js";import"./chunk-CSC5IUWH.js";import"./chunk-TZN7URKK.js";export{a as parseDesiredState};

import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import{a}from"./chunk-ZG22EC7V.js";import"./chunk-GPGOC5UX.js";import"./chunk-WT5IAGWU.js";import"./chunk-4IBHGPBG.js";import"./chunk-74V4ZQ2W.js";import"./chunk-CSC5IUWH.js";import"./chunk-TZN7URKK.js";export{a as parseDesiredState};

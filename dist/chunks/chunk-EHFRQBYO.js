import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import{Tg as u,Ug as e}from"./chunk-MUVXNR6Z.js";var f=/[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g,r=n=>e(u(n.replace(f," ")));export{r as a};

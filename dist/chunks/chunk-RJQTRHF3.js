import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import{a as i}from"./chunk-EHFRQBYO.js";var r=(e,n)=>e===void 0?`warning: ${i(n)}`:`${i(e)}: warning: ${i(n)}`,t=/^(.+?:\d+): ([\s\S]*)$/,s=e=>{let n=t.exec(e);return n===null?r(void 0,e):r(n[1],n[2]??"")};export{r as a,s as b};

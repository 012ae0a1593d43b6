import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import{a as e}from"./chunk-TAFVFE4N.js";var i=(r,n)=>r===void 0?`warning: ${e(n)}`:`${e(r)}: warning: ${e(n)}`,t=/^(.+?:\d+): ([\s\S]*)$/,s=r=>{let n=t.exec(r);return n===null?i(void 0,r):i(n[1],n[2]??"")};export{i as a,s as b};

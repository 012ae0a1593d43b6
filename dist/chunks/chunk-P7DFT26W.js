import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import{a as s}from"./chunk-SHGRPGGO.js";var d=(e,t)=>s(e.toLowerCase(),t.toLowerCase()),c=(e,t)=>{let i=Math.max(1,Math.floor(e.length/3)),n;for(let o of t){let r=d(e,o);r<=i&&(n===void 0||r<n.d)&&(n={key:o,d:r})}return n?.key};export{c as a};

import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
var o=e=>e.isTTY===!0&&(process.env.NO_COLOR??"")==="";var s=/(\/\/)[^\s/?#@]*(?:@[^\s/?#@]*)*@/g,r=/(^|[\s"'(<])[^\s/?#@:"'(<]+:[^\s/?#@"']*@/g,t=e=>e.replace(s,"$1***@"),i=e=>t(e).replace(r,"$1***@");export{t as a,i as b,o as c};

import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
var s=/(\/\/)[^\s/?#@]*(?:@[^\s/?#@]*)*@/g,r=/(^|[\s"'(<])[^\s/?#@:"'(<]+:[^\s/?#@"']*@/g,t=e=>e.replace(s,"$1***@"),n=e=>t(e).replace(r,"$1***@");export{t as a,n as b};

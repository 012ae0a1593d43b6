import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
var e={maxBytes:8388608,maxNesting:64,maxInlineCost:1e8,timeLimitMs:9e3,timeLimitMsPerMb:1e4,maxHeapMb:2048,inThreadMaxBytes:16384},i=t=>e.timeLimitMs+Math.ceil(e.timeLimitMsPerMb*t/(1024*1024));export{e as a,i as b};

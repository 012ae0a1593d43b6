import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
var o=e=>e.isTTY===!0&&(process.env.NO_COLOR??"")==="";export{o as a};

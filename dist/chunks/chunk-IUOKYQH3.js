import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
var e=/[\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g,u=t=>`\\u${t.charCodeAt(0).toString(16).padStart(4,"0")}`,r=t=>t.replace(e,u).replace(/##\[/g,"#\\u0023[");export{r as a};

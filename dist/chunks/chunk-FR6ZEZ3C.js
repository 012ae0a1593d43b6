import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import{ug as e}from"./chunk-67P5REFV.js";var r=class extends e.TaggedError()("UsageError",{problem:e.String,command:e.optional(e.String)}){get message(){return this.problem}get helpHint(){return`See 'op-reconcile${this.command===void 0?"":` ${this.command}`} --help'.`}};export{r as a};

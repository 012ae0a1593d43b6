import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import{e as l,f as u}from"./chunk-KA46SOPI.js";import"./chunk-EE7PBKWZ.js";import"./chunk-BVMK2YUM.js";import"./chunk-D4FLVDMX.js";import{If as s,Tf as m,_d as i,eg as d}from"./chunk-O4I4ZDMP.js";import"./chunk-TZN7URKK.js";var r=class extends s.Class("StatusList")({statuses:s.Array(s.Struct({id:s.Int,name:s.String,isClosed:s.Boolean,isDefault:s.Boolean}))}){},f=s.parseJson(r,{space:2}),y=t=>new r({statuses:t.map(e=>({id:e.id,name:e.name,isClosed:e.isClosed,isDefault:e.isDefault??!1}))}),c=t=>`${s.encodeSync(f)(y(t))}
`,S=t=>{let e=[["id","name","closed","default"],...t.map(o=>[String(o.id),d(o.name),o.isClosed?"yes":"",o.isDefault===!0?"yes":""])],n=[0,1,2].map(o=>Math.max(...e.map(a=>(a[o]??"").length)));return`${e.map(o=>o.map((a,p)=>p===0?a.padStart(n[0]??0):a.padEnd(n[p]??0)).join("  ").trimEnd()).join(`
`)}

${t.length} status(es). Map the plan's words to these names in op-reconcile.yml's states:.
`};var D=t=>i.gen(function*(){let n=yield*(yield*l).statuses();yield*m.log((t.format==="json"?c(n):S(n)).trimEnd())}).pipe(i.provide(u(t)));export{D as runStatuses};

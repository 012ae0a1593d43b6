import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import{c as d,d as u}from"./chunk-VQPTNM4Y.js";import{a as l}from"./chunk-TAFVFE4N.js";import"./chunk-U77T4I3P.js";import"./chunk-6ZZ73ZDG.js";import"./chunk-OL2LLFDC.js";import{Gg as p,te as i,ug as s}from"./chunk-67P5REFV.js";import"./chunk-TZN7URKK.js";var r=class extends s.Class("StatusList")({statuses:s.Array(s.Struct({id:s.Int,name:s.String,isClosed:s.Boolean,isDefault:s.Boolean}))}){},f=s.parseJson(r,{space:2}),y=t=>new r({statuses:t.map(e=>({id:e.id,name:e.name,isClosed:e.isClosed,isDefault:e.isDefault??!1}))}),c=t=>`${s.encodeSync(f)(y(t))}
`,S=t=>{let e=[["id","name","closed","default"],...t.map(o=>[String(o.id),l(o.name),o.isClosed?"yes":"",o.isDefault===!0?"yes":""])],n=[0,1,2].map(o=>Math.max(...e.map(a=>(a[o]??"").length)));return`${e.map(o=>o.map((a,m)=>m===0?a.padStart(n[0]??0):a.padEnd(n[m]??0)).join("  ").trimEnd()).join(`
`)}

${t.length} status(es). Map the plan's words to these names in op-reconcile.yml's states:.
`};var E=t=>i.gen(function*(){let n=yield*(yield*d).statuses();yield*p.log((t.format==="json"?c(n):S(n)).trimEnd())}).pipe(i.provide(u(t)));export{E as runStatuses};

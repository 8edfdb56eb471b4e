// The one script of the resident pages, optional: it keeps a draft of the answers in the browser (localStorage), so a
// reload or a reopened link brings them back, and fills the progress bar. Without it (JavaScript off, storage
// refused) nothing breaks: the form is plain HTML. Inline, allowed by its hash in the CSP (security-headers.ts),
// so no file is fetched. A thank-you or "already" page (marked data-done) forgets the draft. The contact number
// and the household code (a one-time secret on a phone the family may share) are never put in the draft, and the hidden fields (one-time key, invite) always come from the server; nor are the
// A+ / 标准字 buttons (name "size"), whose values are not answers. A multiple choice with a limit (data-max) greys
// out its other boxes once the limit is ticked, so a fourth tick cannot happen (the server still refuses one).
import { createHash } from 'node:crypto';

export const DRAFT_SCRIPT = `(function(){
var f=document.querySelector('form[data-draft]'),k='sp-draft:'+location.pathname,s;
try{s=window.localStorage}catch(e){return}
if(!f){if(s&&document.querySelector('[data-done]'))s.removeItem(k);return}
var skip=/^(submission_key|shown|invite|reply_contact|household_code|size)$/,p=document.getElementById('pg');
function all(){return [].filter.call(f.elements,function(e){return e.name&&e.type!='hidden'&&!skip.test(e.name)})}
function box(e){return e.type=='radio'||e.type=='checkbox'}
function blank(){return all().every(function(e){return box(e)?!e.checked:!e.value})}
function save(){var d={};all().forEach(function(e){if(box(e)?e.checked:e.value)(d[e.name]=d[e.name]||[]).push(e.value)});try{s.setItem(k,JSON.stringify(d))}catch(e){}}
function prog(){if(!p)return;var n=0,t=0;[].forEach.call(f.querySelectorAll('fieldset'),function(x){if(!x.offsetParent)return;t++;if(x.querySelector(':checked')||[].some.call(x.querySelectorAll('textarea'),function(a){return a.value.trim()}))n++});p.max=t;p.value=n;p.hidden=false}
if(blank()){try{var d=JSON.parse(s.getItem(k)||'{}');all().forEach(function(e){var v=d[e.name];if(v){if(box(e))e.checked=v.indexOf(e.value)>=0;else e.value=v[0]}})}catch(e){}}
function lim(){[].forEach.call(f.querySelectorAll('[data-max]'),function(x){var c=x.querySelectorAll(':checked').length>=x.dataset.max;[].forEach.call(x.querySelectorAll('[type=checkbox]'),function(b){b.disabled=c&&!b.checked})})}
f.addEventListener('input',function(){save();prog()});f.addEventListener('change',function(){save();prog();lim()});prog();lim()
})()`;

/** The CSP source that allows exactly this script. */
export const DRAFT_SCRIPT_CSP = `'sha256-${createHash('sha256').update(DRAFT_SCRIPT).digest('base64')}'`;

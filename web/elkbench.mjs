import ELK from './node_modules/elkjs/lib/elk.bundled.js';
const elk = new ELK();
function make(n){ const nodes=[], edges=[]; for(let i=0;i<n;i++){ nodes.push({id:'n'+i,width:220,height:64}); if(i>0){ const p=Math.floor((i-1)/5); edges.push({id:'e'+i,sources:['n'+p],targets:['n'+i]}); } } return {id:'root',children:nodes,edges}; }
for (const alg of ['mrtree','layered']) for (const n of [100,2000]) {
  const g = make(n); g.layoutOptions = {'elk.algorithm':alg,'elk.direction':'RIGHT','elk.spacing.nodeNode':'16','elk.layered.spacing.nodeNodeBetweenLayers':'60','elk.layered.considerModelOrder.strategy':'NODES_AND_EDGES'};
  const t=performance.now(); const r = await elk.layout(g); console.log(alg,n,(performance.now()-t).toFixed(0)+'ms', r.children[1].x, r.children[1].y, r.children[2].y);
}

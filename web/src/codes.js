// Labels and colours for the codes the page shows.

export const PLOVER_TYPES = ['AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID',
  'RETREAT', 'REQUEST', 'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE',
  'COERCE', 'ASSAULT'];

export const FACTUALITY = ['asserted', 'reported', 'negated', 'possible', 'hypothetical',
  'planned', 'refuted'];

export const QUAD = {
  1: 'verbal cooperation',
  2: 'material cooperation',
  3: 'verbal conflict',
  4: 'material conflict',
};

export const QUAD_COLOUR = { 1: '#4c9f70', 2: '#2f6db5', 3: '#e0902f', 4: '#c8383b', 0: '#888888' };

export const CAMEO_ROOTS = {
  '01': 'make public statement', '02': 'appeal', '03': 'express intent to cooperate',
  '04': 'consult', '05': 'engage in diplomatic cooperation', '06': 'engage in material cooperation',
  '07': 'provide aid', '08': 'yield', '09': 'investigate', '10': 'demand', '11': 'disapprove',
  '12': 'reject', '13': 'threaten', '14': 'protest', '15': 'exhibit force posture',
  '16': 'reduce relations', '17': 'coerce', '18': 'assault', '19': 'fight',
  '20': 'use unconventional mass violence',
};

// 16 distinguishable colours, one per PLOVER type, cooperative types cool, conflictual warm.
const TYPE_COLOURS = ['#1b9e77', '#66a61e', '#7fc97f', '#a6d854', '#33a02c', '#1f78b4',
  '#a6cee3', '#6a3d9a', '#fdbf6f', '#b15928', '#ff7f00', '#e7298a', '#984ea3', '#fb9a99',
  '#e31a1c', '#67000d'];

export function typeColour(type) {
  const i = PLOVER_TYPES.indexOf(type);
  return i < 0 ? '#888888' : TYPE_COLOURS[i];
}

export function keyColour(by, key) {
  return by === 'quad_class' ? QUAD_COLOUR[key] || QUAD_COLOUR[0] : typeColour(key);
}

export function keyLabel(by, key) {
  return by === 'quad_class' ? QUAD[key] || key : key;
}

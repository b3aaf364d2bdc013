/** Okabe–Ito colours: told apart with every common colour-vision deficiency. */
export const SERIES = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442'] as const
/** The unreached rest of a maximum, behind the points. */
export const REST = '#d5ddd8'

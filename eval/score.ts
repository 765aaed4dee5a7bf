/** Precision, recall and F1 from counts. An empty side scores 1 (nothing to get wrong). */
export interface Score {
  tp: number;
  predicted: number;
  gold: number;
  precision: number;
  recall: number;
  f1: number;
}

export function prf(tp: number, predicted: number, gold: number): Score {
  const precision = predicted === 0 ? (gold === 0 ? 1 : 0) : tp / predicted;
  const recall = gold === 0 ? 1 : tp / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, predicted, gold, precision, recall, f1 };
}

export function fmt(s: Score): string {
  const p = (x: number) => x.toFixed(3);
  return `P ${p(s.precision)}  R ${p(s.recall)}  F1 ${p(s.f1)}  (tp ${s.tp}, predicted ${s.predicted}, gold ${s.gold})`;
}

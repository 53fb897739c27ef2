// Maturity scales: allowed percentages and the band (档) a percentage falls in.
import type { Band, Scale } from "./types";

/** Every allowed percentage on the scale, ascending (0, 5, …, 100 for both awards). */
export function allowedPercents(scale: Scale): number[] {
  const values: number[] = [];
  for (let v = 0; v <= 100; v += scale.step) values.push(v);
  return values;
}

export function isOnScale(scale: Scale, percent: number): boolean {
  return Number.isInteger(percent) && percent >= 0 && percent <= 100 && percent % scale.step === 0;
}

/** The band of a percentage, or undefined when it is not an allowed value. */
export function bandOf(scale: Scale, percent: number): Band | undefined {
  if (!isOnScale(scale, percent)) return undefined;
  return scale.bands.find((b) => percent >= b.min && percent <= b.max);
}

/** The allowed percentages of one band, e.g. [15, 20, 25, 30]. */
export function bandPercents(scale: Scale, band: Band): number[] {
  return allowedPercents(scale).filter((v) => v >= band.min && v <= band.max);
}

/** "15%–30%" style label of a band. */
export function bandLabel(band: Band): string {
  return `${band.min}%–${band.max}%`;
}

/**
 * Exact decimal arithmetic on the API's money strings ("78400.00"), with BigInt underneath, so a
 * line total or an order total on screen is the same number the server stores — never a binary
 * floating-point approximation. Only what the forms need: parse, add, subtract, multiply with
 * half-up rounding, compare and format.
 */

/** value = units / 10^scale */
export interface Dec {
  units: bigint;
  scale: number;
}

const PATTERN = /^([+-])?(\d*)(?:\.(\d*))?$/;

/** Parses "1,234.50", " -3.2 ", "7"; answers null for blanks and anything that is not a number. */
export function parseDecimal(input: string | number | null | undefined): Dec | null {
  if (input === null || input === undefined) return null;
  const text = String(input).trim().replace(/,/g, "");
  const match = PATTERN.exec(text);
  if (!match) return null;
  const [, sign, whole = "", fraction = ""] = match;
  if (whole === "" && fraction === "") return null;
  const units = BigInt((whole || "0") + fraction);
  return { units: sign === "-" ? -units : units, scale: fraction.length };
}

export function isDecimal(input: string | null | undefined): boolean {
  return parseDecimal(input) !== null;
}

function rescale(value: Dec, scale: number): bigint {
  return value.units * 10n ** BigInt(scale - value.scale);
}

/** Rounds half away from zero (what "half-up to cents" means for money). */
export function round(value: Dec, scale: number): Dec {
  if (value.scale <= scale) return { units: rescale(value, scale), scale };
  const divisor = 10n ** BigInt(value.scale - scale);
  const negative = value.units < 0n;
  const magnitude = negative ? -value.units : value.units;
  let quotient = magnitude / divisor;
  if ((magnitude % divisor) * 2n >= divisor) quotient += 1n;
  return { units: negative ? -quotient : quotient, scale };
}

export function add(a: Dec, b: Dec): Dec {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale) + rescale(b, scale), scale };
}

export function subtract(a: Dec, b: Dec): Dec {
  return add(a, { units: -b.units, scale: b.scale });
}

export function multiply(a: Dec, b: Dec): Dec {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

export function compare(a: Dec, b: Dec): number {
  const scale = Math.max(a.scale, b.scale);
  const diff = rescale(a, scale) - rescale(b, scale);
  return diff === 0n ? 0 : diff < 0n ? -1 : 1;
}

export function toPlain(value: Dec): string {
  const negative = value.units < 0n;
  const digits = (negative ? -value.units : value.units).toString().padStart(value.scale + 1, "0");
  const whole = digits.slice(0, digits.length - value.scale);
  const fraction = value.scale > 0 ? "." + digits.slice(digits.length - value.scale) : "";
  return (negative ? "-" : "") + whole + fraction;
}

/** "78400.00" → "78,400.00" (grouping only; the currency sign is the caller's). */
export function formatGrouped(input: string | Dec | null | undefined, scale = 2): string {
  const value = typeof input === "object" && input !== null ? input : parseDecimal(input ?? null);
  if (!value) return "";
  const plain = toPlain(round(value, scale));
  const negative = plain.startsWith("-");
  const [whole, fraction] = (negative ? plain.slice(1) : plain).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return (negative ? "-" : "") + grouped + (fraction !== undefined ? "." + fraction : "");
}

export function formatMoney(input: string | Dec | null | undefined): string {
  const text = formatGrouped(input, 2);
  if (text === "") return "";
  return text.startsWith("-") ? "-$" + text.slice(1) : "$" + text;
}

/** line_total = weight × price_per_unit, half-up to cents; null while either is blank or invalid. */
export function lineTotal(weight: string | null | undefined, pricePerUnit: string | null | undefined): string | null {
  const w = parseDecimal(weight);
  const p = parseDecimal(pricePerUnit);
  if (!w || !p) return null;
  return toPlain(round(multiply(w, p), 2));
}

/** Sum of money strings at cents; blanks and invalid entries count as nothing. */
export function sumMoney(values: Array<string | null | undefined>): string {
  let total: Dec = { units: 0n, scale: 2 };
  for (const value of values) {
    const parsed = parseDecimal(value);
    if (parsed) total = add(total, parsed);
  }
  return toPlain(round(total, 2));
}

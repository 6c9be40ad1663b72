import type { ChildMeta, FieldMeta } from "../api/types";
import { formatMoney } from "../lib/decimal";
import { editable, liveLineTotal, liveOrderTotal, lineKey, pricesLines, type LineValues } from "../lib/formValues";
import { FieldInput, type FormValue } from "./FieldInput";

/**
 * A child table (order lines) as an editable grid. Where lines are priced (weight × price per
 * unit), each line's total and the order total update as you type, computed exactly.
 */
/** What a broker fills on every line comes first, with the line total beside the price. */
const PRIMARY = ["product", "description", "quantity", "weight", "weight_unit", "price_per_unit"];

export function LinesEditor({
  child,
  rows,
  onChange,
  errors,
  currentLabels,
  flags,
}: {
  child: ChildMeta;
  rows: LineValues[];
  onChange: (rows: LineValues[]) => void;
  errors: (row: number, field: string) => string[] | undefined;
  currentLabels?: (row: number, field: string) => string | undefined;
  flags?: (row: number, field: string) => string | undefined;
}) {
  const all = editable(child.fields);
  const priced = pricesLines(child);
  const rank = (name: string) => (PRIMARY.includes(name) ? PRIMARY.indexOf(name) : PRIMARY.length);
  const fields = [...all].sort((a, b) => rank(a.name) - rank(b.name));
  const split = priced ? fields.filter((f) => PRIMARY.includes(f.name)).length : fields.length;
  const head = fields.slice(0, split);
  const tail = fields.slice(split);
  const set = (index: number, name: string, value: FormValue) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, [name]: value } : row)));
  const headerCell = (f: FieldMeta) => (
    <th
      key={f.name}
      scope="col"
      className={f.type === "decimal" || f.type === "money" || f.type === "integer" ? "num" : undefined}
    >
      {f.label}
      {f.required && (
        <span className="required" aria-hidden="true">
          {" "}
          *
        </span>
      )}
    </th>
  );
  const cell = (f: FieldMeta, row: LineValues, index: number) => (
    <td key={f.name}>
      <FieldInput
        compact
        field={{ ...f, label: `${f.label}, line ${index + 1}` }}
        id={`${child.name}-${index}-${f.name}`}
        value={row[f.name] ?? (f.type === "boolean" ? false : f.type === "choices" ? [] : "")}
        onChange={(v) => set(index, f.name, v)}
        errors={errors(index, f.name)}
        currentLabel={currentLabels?.(index, f.name)}
        flagged={flags?.(index, f.name)}
      />
    </td>
  );
  const addRow = () => onChange([...rows, { _key: lineKey() }]);
  const removeRow = (index: number) => onChange(rows.filter((_, i) => i !== index));

  return (
    <fieldset className="lines">
      <legend>{child.label}</legend>
      <div className="table-wrap">
        <table className="table lines-table">
          <thead>
            <tr>
              <th scope="col" className="narrow">
                #
              </th>
              {head.map(headerCell)}
              {priced && (
                <th scope="col" className="num">
                  Line total
                </th>
              )}
              {tail.map(headerCell)}
              <th scope="col">
                <span className="sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={row._key}>
                <td className="narrow muted">{index + 1}</td>
                {head.map((f) => cell(f, row, index))}
                {priced && (
                  <td className="num line-total" aria-live="polite" data-testid={`line-total-${index}`}>
                    {formatMoney(liveLineTotal(row)) || "—"}
                  </td>
                )}
                {tail.map((f) => cell(f, row, index))}
                <td>
                  <button
                    type="button"
                    className="btn btn-icon btn-ghost"
                    aria-label={`Remove line ${index + 1}`}
                    onClick={() => removeRow(index)}
                  >
                    ✕
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
          {priced && (
            <tfoot>
              <tr>
                <th scope="row" colSpan={head.length + 1} className="num">
                  Order total
                </th>
                <td className="num total" aria-live="polite" data-testid="order-total">
                  {formatMoney(liveOrderTotal(rows))}
                </td>
                <td colSpan={tail.length + 1} />
              </tr>
            </tfoot>
          )}
        </table>
      </div>
      <button type="button" className="btn btn-small" onClick={addRow}>
        + Add line
      </button>
    </fieldset>
  );
}

"use client";

const count = new Intl.NumberFormat("en-US");

type Props = {
  /** What the list holds, singular and plural ("lead", "leads"). */
  noun: [string, string];
  /** How many records the filters match, on every page. */
  total: number;
  /** How many are on this page. */
  shown: number;
  selected: number;
  pageAllSelected: boolean;
  allMatching: boolean;
  onSelectAll: () => void;
  onSelectPage: () => void;
};

/**
 * The way to act on every record the filters match, not only the page ("select all N matching"):
 * offered as soon as anything is ticked, and undone in one click. The server resolves "all
 * matching" again from the same filters (lib/core/bulk/target-schema.ts). Any list's.
 */
export function SelectAllMatching({ noun: [one, many], total, shown, selected, pageAllSelected, allMatching, onSelectAll, onSelectPage }: Props) {
  const link = "font-semibold text-brand-700 underline dark:text-brand-100";
  if (allMatching) {
    return (
      <p className="text-sm">
        All {count.format(total)} {total === 1 ? one : many} matching the filters are selected, on every page.{" "}
        <button type="button" className={link} onClick={onSelectPage}>
          Select only the {count.format(shown)} on this page
        </button>
      </p>
    );
  }
  if (total <= shown) return null;
  return (
    <p className="text-sm">
      {pageAllSelected ? `All ${count.format(shown)} ${many} on this page are selected.` : `${count.format(selected)} of ${count.format(total)} matching ${many} selected.`}{" "}
      <button type="button" className={link} onClick={onSelectAll}>
        Select all {count.format(total)} matching {many}
      </button>
    </p>
  );
}

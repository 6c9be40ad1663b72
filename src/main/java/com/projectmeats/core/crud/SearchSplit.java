package com.projectmeats.core.crud;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A search on PostgreSQL as its page's few candidates, with the exact count taken apart. A
 * counterpart's name finds thousands of rows (a supplier's orders), of which a page shows 25; read
 * as a branch of the matches, all of them were read, ranked and sorted for it. But such a row ranks
 * ahead of the rest only when its own number is or begins with the term, and then the own fields
 * find it too ({@link ListSearch} splits only where that holds). So the page is among the own
 * fields' matches (all of them: the trigram index finds few) and each matched counterpart's first
 * rows in the list's default order, as many as the page reaches, read in that order from the
 * reference's index (V83). The count adds the branches' counts, which never overlap.
 *
 * @param own the own fields' matches, with the company and the filters, whatever else finds them
 * @param ownOnly which of those no counterpart's branch finds
 * @param filters the company and the filters
 * @param references the columns of the references searched by name
 * @param ids for each reference, the ids of the company's records whose name contains the term,
 *     read once as the relation {@link #named}
 * @param counterparts for each reference, its branch of the search, as {@link
 *     ListQuery#searchBranches} but reading {@link #named}'s ids
 * @param later for each reference, the condition that no later reference's branch finds the row
 *     (reading {@link #named}), empty for the last
 * @param order the list's default ordering, without the number's rank
 */
record SearchSplit(
    String own,
    String ownOnly,
    String filters,
    List<String> references,
    List<String> ids,
    List<String> counterparts,
    List<String> later,
    String order) {

  /** The relation of the {@code i}th reference's matching ids (one column, {@code id}). */
  static String named(int i) {
    return "named" + i;
  }

  /**
   * {@code WITH own, found}: {@code found} holds the page's candidates as {@code columns} of {@code
   * table}; {@code limit} is the parameter for how far the page reaches (its offset and size).
   */
  String with(String table, List<String> columns, String limit) {
    Set<String> read = new LinkedHashSet<>(columns);
    read.addAll(references);
    // Each reference's ids are looked up once, for its candidates, the counts and the other
    // branches' exclusions alike.
    StringBuilder sql = new StringBuilder("WITH ");
    for (int i = 0; i < ids.size(); i++) {
      sql.append(named(i)).append(" AS MATERIALIZED (").append(ids.get(i)).append("), ");
    }
    sql.append("own AS MATERIALIZED (SELECT ")
        .append(select(read))
        .append(" FROM ")
        .append(table)
        .append(" t WHERE ")
        .append(own)
        .append("), found AS MATERIALIZED (SELECT ")
        .append(select(columns))
        .append(" FROM own t");
    // One counterpart at a time (LATERAL): the index yields a reference's rows in order for one
    // value, not for the several a name can match.
    //
    // The branches never overlap, so UNION ALL, without de-duplication: a counterpart's candidates
    // leave out the rows the own fields find and those a later counterpart's branch finds. The page
    // is still among them. A row the own fields miss ranks last (its number neither is nor begins
    // with the term), in the default order; if it is left out of counterpart i's first offset+size
    // rows, it is found by a later branch, whose last counterpart j keeps it unless offset+size
    // rows of j's branch precede it in the default order, and those rows, ranking last too,
    // precede it on the list: it is past the page. The own rows are left out by id (a hashed
    // subplan over own), not by the own fields' condition, which would read each candidate's
    // row from the table where the reference's index alone serves.
    for (int i = 0; i < references.size(); i++) {
      sql.append(" UNION ALL SELECT n.* FROM ")
          .append(named(i))
          .append(" s CROSS JOIN LATERAL (SELECT ")
          .append(select(columns))
          .append(" FROM ")
          .append(table)
          .append(" t WHERE ")
          .append(filters)
          .append(" AND t.")
          .append(references.get(i))
          .append(" = s.id AND t.id NOT IN (SELECT o.id FROM own o)");
      if (!later.get(i).isEmpty()) {
        sql.append(" AND ").append(later.get(i));
      }
      sql.append(" ORDER BY ").append(order).append(" LIMIT ").append(limit).append(") n");
    }
    return sql.append(") ").toString();
  }

  /** The exact count of the search's matches, an expression beside {@link #with}'s relations. */
  String count(String table) {
    List<String> counts = new ArrayList<>();
    counts.add("(SELECT count(*) FROM own t WHERE " + ownOnly + ")");
    for (String branch : counterparts) {
      counts.add("(SELECT count(*) FROM " + table + " t WHERE " + branch + ")");
    }
    return String.join(" + ", counts);
  }

  private static String select(java.util.Collection<String> columns) {
    return String.join(", ", columns.stream().map(c -> "t." + c).toList());
  }
}

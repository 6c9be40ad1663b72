package com.projectmeats.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.projectmeats.core.error.ApiException;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The paging every list endpoint shares: what a request may ask for, and the links it gets back.
 */
class PageTest {
  private static final String URL = "https://app.example/api/v1/suppliers";

  private static MultiMap query(String... nameValues) {
    MultiMap query = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < nameValues.length; i += 2) {
      query.add(nameValues[i], nameValues[i + 1]);
    }
    return query;
  }

  private static ApiException refused(MultiMap query) {
    return catchThrowableOfType(ApiException.class, () -> Page.of(query, 25));
  }

  @Test
  void withoutParametersItIsTheFirstPageOfTheRoutesDefaultSize() {
    assertThat(Page.of(query(), 25)).isEqualTo(new Page(1, 25));
    assertThat(Page.of(query(), 50)).isEqualTo(new Page(1, 50));
    assertThat(Page.of(query("page", "", "page_size", " "), 100)).isEqualTo(new Page(1, 100));
    assertThat(Page.of(query("page", "3", "page_size", "20"), 50)).isEqualTo(new Page(3, 20));
    assertThat(Page.of(query("page", "007"), 50)).isEqualTo(new Page(7, 50));
  }

  @Test
  void pageSizeIsAtMostAHundred() {
    assertThat(Page.of(query("page_size", "100"), 25).size()).isEqualTo(100);
    ApiException tooBig = refused(query("page_size", "101"));
    assertThat(tooBig.status()).isEqualTo(400);
    assertThat(tooBig.errors()).containsOnlyKeys("page_size");
    assertThat(tooBig.errors().get("page_size"))
        .containsExactly("page_size must be a whole number from 1 to 100.");
    assertThat(tooBig.detail()).isEqualTo("page_size must be a whole number from 1 to 100.");
  }

  @Test
  void anythingButAWholeNumberInRangeIsA400NamingTheField() {
    for (String bad :
        List.of("0", "-1", "+2", " 2", "2 ", "1.5", "1e2", "abc", "0x10", "1\u0000", "２")) {
      ApiException page = refused(query("page", bad));
      assertThat(page).as("page=%s", bad).isNotNull();
      assertThat(page.status()).isEqualTo(400);
      assertThat(page.errors().get("page"))
          .as("page=%s", bad)
          .containsExactly("page must be a whole number from 1 up.");
      ApiException size = refused(query("page_size", bad));
      assertThat(size).as("page_size=%s", bad).isNotNull();
      assertThat(size.errors().get("page_size"))
          .containsExactly("page_size must be a whole number from 1 to 100.");
    }
    assertThat(Page.of(query("page", Integer.toString(Integer.MAX_VALUE)), 25).number())
        .isEqualTo(Integer.MAX_VALUE);
    assertThat(refused(query("page", "2147483648"))).isNotNull();
    assertThat(refused(query("page", "99999999999"))).isNotNull();
  }

  @Test
  void theOffsetCountsTheRowsBeforeThePageWithoutOverflow() {
    assertThat(new Page(1, 25).offset()).isZero();
    assertThat(new Page(3, 20).offset()).isEqualTo(40);
    assertThat(new Page(Integer.MAX_VALUE, 100).offset()).isEqualTo((Integer.MAX_VALUE - 1L) * 100);
  }

  @Test
  void linksAreAbsoluteAndKeepEveryOtherParameter() {
    MultiMap query =
        query(
            "q",
            "beef & veal",
            "page",
            "2",
            "state",
            "TX",
            "state",
            "OK",
            "page_size",
            "10",
            "ordering",
            "-name");
    JsonObject envelope =
        new Page(2, 10).envelope(URL + "?q=ignored&page=2", query, 35, new JsonArray().add(1));
    assertThat(envelope.fieldNames()).containsExactly("count", "next", "previous", "results");
    assertThat(envelope.getLong("count")).isEqualTo(35);
    assertThat(envelope.getJsonArray("results")).containsExactly(1);
    assertThat(envelope.getString("next"))
        .isEqualTo(URL + "?q=beef+%26+veal&state=TX&state=OK&page_size=10&ordering=-name&page=3");
    assertThat(envelope.getString("previous"))
        .isEqualTo(URL + "?q=beef+%26+veal&state=TX&state=OK&page_size=10&ordering=-name&page=1");
  }

  @Test
  void thePageParameterIsReplacedHoweverItIsSpelled() {
    JsonObject envelope = new Page(2, 25).envelope(URL, query("Page", "2"), 100, new JsonArray());
    assertThat(envelope.getString("next")).isEqualTo(URL + "?page=3");
    assertThat(envelope.getString("previous")).isEqualTo(URL + "?page=1");
  }

  @Test
  void theLastPageHasNoNextAndTheFirstNoPrevious() {
    assertThat(
            new Page(4, 10).envelope(URL, query("page", "4"), 35, new JsonArray()).getValue("next"))
        .isNull();
    assertThat(new Page(2, 10).envelope(URL, query(), 20, new JsonArray()).getValue("next"))
        .as("exactly full")
        .isNull();
    assertThat(new Page(1, 10).envelope(URL, query(), 21, new JsonArray()).getString("next"))
        .isEqualTo(URL + "?page=2");
    JsonObject only = new Page(1, 25).envelope(URL, query(), 3, new JsonArray());
    assertThat(only.getValue("next")).isNull();
    assertThat(only.getValue("previous")).isNull();
    JsonObject empty = new Page(1, 25).envelope(URL, query(), 0, new JsonArray());
    assertThat(empty.getValue("next")).isNull();
    assertThat(empty.getValue("previous")).isNull();
    JsonObject beyond = new Page(9, 10).envelope(URL, query("page", "9"), 35, new JsonArray());
    assertThat(beyond.getValue("next")).isNull();
    assertThat(beyond.getString("previous")).isEqualTo(URL + "?page=8");
  }
}

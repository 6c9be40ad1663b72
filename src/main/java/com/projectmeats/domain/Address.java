package com.projectmeats.domain;

import static com.projectmeats.core.crud.Field.email;
import static com.projectmeats.core.crud.Field.phone;
import static com.projectmeats.core.crud.Field.text;

import com.projectmeats.core.crud.Field;

/** The address block parties and places share. */
public final class Address {
  private Address() {}

  public static Field.Builder[] fields() {
    return new Field.Builder[] {
      text("street_address"),
      text("city").searchable().orderable(),
      text("state").maxLength(50).filterable(),
      text("zip_code").maxLength(20),
      text("country").maxLength(60).defaultValue("USA"),
    };
  }

  public static Field.Builder[] contactFields() {
    return new Field.Builder[] {
      text("contact_person").searchable().orderable(),
      email("email").searchable().orderable(),
      phone("phone")
    };
  }
}

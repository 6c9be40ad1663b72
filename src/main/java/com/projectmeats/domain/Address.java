package com.projectmeats.domain;

import static com.projectmeats.core.crud.Field.email;
import static com.projectmeats.core.crud.Field.phone;
import static com.projectmeats.core.crud.Field.text;

import com.projectmeats.core.crud.Field;

/** The address block parties and places share. */
public final class Address {
  private Address() {}

  public static Field[] fields() {
    return new Field[] {
        text("street_address"),
        text("city").searchable(),
        text("state").max(50).filterable(),
        text("zip_code").max(20),
        text("country").max(60).defaultsTo("USA"),
    };
  }

  public static Field[] contactFields() {
    return new Field[] {text("contact_person").searchable(), email("email").searchable(), phone("phone")};
  }
}

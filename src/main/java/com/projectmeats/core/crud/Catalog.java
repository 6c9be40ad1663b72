package com.projectmeats.core.crud;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Every declared resource by URL name; checks at start-up that each reference names a real one. */
public final class Catalog {
  private final Map<String, Resource> byName = new LinkedHashMap<>();

  public Catalog(Collection<Resource> resources) {
    resources.forEach(r -> byName.put(r.name(), r));
    for (Resource r : resources) {
      var refs = new java.util.ArrayList<Field>(r.fields());
      r.children().forEach(c -> refs.addAll(c.fields()));
      for (Field f : refs) {
        if (f.type() == FieldType.REFERENCE && !byName.containsKey(f.reference())) {
          throw new IllegalStateException(
              r.name() + "." + f.name() + " refers to unknown resource " + f.reference());
        }
      }
    }
  }

  public Collection<Resource> all() {
    return byName.values();
  }

  public Optional<Resource> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Resource get(String name) {
    return find(name).orElseThrow(() -> new IllegalArgumentException("unknown resource " + name));
  }
}

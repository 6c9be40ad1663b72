package com.projectmeats.core.config;

import java.util.Locale;

public enum AppEnv {
  DEV,
  UAT,
  PROD;

  static AppEnv parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("APP_ENV", "must be dev, uat or prod, not '" + value + "'");
    }
  }

  public boolean isDev() {
    return this == DEV;
  }
}

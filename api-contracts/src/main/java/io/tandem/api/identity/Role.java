package io.tandem.api.identity;

public enum Role { USER, ADMIN }

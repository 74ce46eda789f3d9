package io.tandem.api.flight;

/** PERCENTAGE: amount is 1-100 percent off; FIXED: amount is won off (never below zero). */
public enum DiscountType { PERCENTAGE, FIXED }

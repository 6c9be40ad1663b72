package com.projectmeats.company;

/**
 * What a company prints at the top of its paperwork and where it asks to be paid. {@code name} is
 * the legal name, or the company's name while no legal name is set; {@code logo} is PNG or JPEG
 * bytes, or null.
 */
public record Letterhead(
    String name,
    String address,
    String phone,
    String email,
    String remitTo,
    byte[] logo,
    String logoType) {}

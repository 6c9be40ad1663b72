package com.projectmeats.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which peers may tell us the client's address (our proxy on a private network) and which may not. */
class ClientAddressTest {
  @Test
  void onlyPrivateAndLoopbackPeersAreProxies() {
    assertThat(ClientAddress.privateAddress("127.0.0.1")).isTrue();
    assertThat(ClientAddress.privateAddress("10.1.2.3")).isTrue();
    assertThat(ClientAddress.privateAddress("172.18.0.5")).isTrue();
    assertThat(ClientAddress.privateAddress("192.168.1.1")).isTrue();
    assertThat(ClientAddress.privateAddress("::1")).isTrue();
    assertThat(ClientAddress.privateAddress("fd12:3456::1")).isTrue();
    assertThat(ClientAddress.privateAddress("203.0.113.9")).isFalse();
    assertThat(ClientAddress.privateAddress("2001:db8::1")).isFalse();
    assertThat(ClientAddress.privateAddress("proxy.example.com")).as("never resolved").isFalse();
    assertThat(ClientAddress.privateAddress(null)).isFalse();
  }
}

// What ifconfig and librtsock-compat ask the daemon to create
// (rtsock/client/ifclone.hpp): FreeBSD's epair cloner names and its tun type.
#include "rtsock/client/ifclone.hpp"

#include <gtest/gtest.h>

#include <cerrno>
#include <set>
#include <string>

using rtsock::client::clone_create_request;
using rtsock::client::clone_name;
using rtsock::client::CloneOs;
using rtsock::client::is_epair_cloner;

TEST(IfClone, epair_cloner_names_are_epair_and_epair_unit) {
  EXPECT_TRUE(is_epair_cloner("epair"));
  EXPECT_TRUE(is_epair_cloner("epair0"));
  EXPECT_TRUE(is_epair_cloner("epair12"));
  EXPECT_FALSE(is_epair_cloner("epair0a"));
  EXPECT_FALSE(is_epair_cloner("epai"));
  EXPECT_FALSE(is_epair_cloner("tap0"));
}

TEST(IfClone, epair_wildcard_skips_units_with_either_half) {
  const std::set<std::string> have = {"epair0a", "epair0b", "epair1b"};
  auto pair_taken = [&](std::string_view n) {
    return have.count(std::string(n) + "a") != 0 || have.count(std::string(n) + "b") != 0;
  };
  const auto w = clone_name("epair", true, pair_taken);
  EXPECT_EQ(w.error, 0);
  EXPECT_EQ(w.name, "epair2");
  EXPECT_EQ(clone_name("epair1", true, pair_taken).error, EEXIST);
  EXPECT_EQ(clone_name("epair3", true, pair_taken).name, "epair3");
}

TEST(IfClone, tun_is_ppp_on_freebsd_tunnel_elsewhere) {
  EXPECT_EQ(clone_create_request("tun0", CloneOs::freebsd)["type"], "ppp");
  EXPECT_EQ(clone_create_request("tun0", CloneOs::other)["type"], "tunnel");
  EXPECT_EQ(clone_create_request("tun0")["type"], "tunnel");
  EXPECT_FALSE(clone_create_request("tap0", CloneOs::freebsd).contains("type"));
  EXPECT_FALSE(clone_create_request("epair0", CloneOs::freebsd).contains("type"));
}

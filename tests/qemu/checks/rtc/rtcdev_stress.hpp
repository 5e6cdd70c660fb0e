// SPDX-License-Identifier: MIT
// The load and fault modes of rtcdev-client (rtcdev_stress.cpp).
#pragma once

int stress(const char* dev, int seconds, int clients);
int wait_until_gone(const char* dev);

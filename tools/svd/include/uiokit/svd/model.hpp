// SPDX-License-Identifier: MIT
// The SVD reader's names for the register model (uiokit/reg/model.hpp), which it produces.
#pragma once

#include "uiokit/reg/model.hpp"

namespace uiokit::svd {

using reg::Access;
using reg::model::Device;
using reg::model::EnumValue;
using reg::model::Field;
using reg::OnRead;
using reg::OnWrite;
using reg::model::Peripheral;
using reg::model::Register;
using reg::model::Usage;

}  // namespace uiokit::svd

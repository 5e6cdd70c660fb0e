// SPDX-License-Identifier: MIT
// The shared state behind Container, Group and Device: each object holds a shared_ptr to what
// it depends on, so a descriptor is closed only after everything using it has gone.
#pragma once

#include <unistd.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "uiokit/vfio/vfio.hpp"

namespace uiokit::vfio::detail {

struct ContainerState {
  int fd = -1;
  int api_version = 0;
  bool noiommu = false;
  bool iommu_set = false;
  Options options;
  std::mutex mutex;
  std::map<std::uint64_t, std::uint64_t> mappings;  // iova -> size, to name collisions
  ~ContainerState() {
    if (fd >= 0) ::close(fd);
  }
};

struct GroupState {
  std::shared_ptr<ContainerState> container;
  unsigned number = 0;
  int fd = -1;
  ~GroupState() {
    if (fd >= 0) ::close(fd);
  }
};

struct DeviceFd {
  int fd = -1;
  std::string name;  // BDF, for messages
  ~DeviceFd() { close(); }
  void close() noexcept {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
};

// VFIO_IOMMU_UNMAP_DMA; shared by Container::unmap_dma and DmaBuffer.
void unmap_dma(ContainerState& c, std::uint64_t iova, std::size_t size);

}  // namespace uiokit::vfio::detail

//! The instance types the emulator offers, where, and how many: the source
//! of type validation, availability answers and GPU quotas.

use crate::enums::Region;
use crate::enums::Region::*;

/// A GPU family, which is what quotas count.
pub(crate) struct GpuFamily {
    pub quota_key: &'static str,
    pub product_name: &'static str,
    pub capacity: u64,
}

pub(crate) const RTX_3080: GpuFamily = GpuFamily {
    quota_key: "gpu-nvidia-3080",
    product_name: "NVIDIA GeForce RTX 3080",
    capacity: 32,
};
pub(crate) const RTX_3090: GpuFamily = GpuFamily {
    quota_key: "gpu-nvidia-3090",
    product_name: "NVIDIA GeForce RTX 3090",
    capacity: 16,
};
pub(crate) const H100: GpuFamily = GpuFamily {
    quota_key: "gpu-nvidia-h100",
    product_name: "NVIDIA H100 SXM5 80GB",
    capacity: 16,
};
pub(crate) const B200: GpuFamily = GpuFamily {
    quota_key: "gpu-nvidia-b200",
    product_name: "NVIDIA B200 180GB",
    capacity: 8,
};

/// Every GPU family, in the order quotas are listed.
pub(crate) const GPU_FAMILIES: [&GpuFamily; 4] = [&RTX_3080, &RTX_3090, &H100, &B200];

/// One instance type.
pub(crate) struct InstanceType {
    pub name: &'static str,
    pub vcpus: u64,
    pub disk_gib: u64,
    pub gpu: Option<(&'static GpuFamily, u64)>,
    pub regions: &'static [Region],
    /// Instances of this type each region can still host when empty.
    pub capacity: u64,
}

const ALL_REGIONS: &[Region] = &[
    EucDeMuc1, EuwGbMnc1, EuwNlAms1, NaCaFts1, NaCaMnz1, NaCaPrg1, NordNoKrs1,
];
const RTX_REGIONS: &[Region] = &[NordNoKrs1, EucDeMuc1];
const H100_REGIONS: &[Region] = &[EuwNlAms1, NaCaMnz1, NordNoKrs1];
const B200_REGIONS: &[Region] = &[NaCaPrg1, EuwGbMnc1];

/// The catalogue, CPU types first.
pub(crate) const INSTANCE_TYPES: &[InstanceType] = &[
    InstanceType {
        name: "vcpu-2_memory-4g_disk-80g",
        vcpus: 2,
        disk_gib: 80,
        gpu: None,
        regions: ALL_REGIONS,
        capacity: 200,
    },
    InstanceType {
        name: "vcpu-4_memory-8g_disk-80g",
        vcpus: 4,
        disk_gib: 80,
        gpu: None,
        regions: ALL_REGIONS,
        capacity: 100,
    },
    InstanceType {
        name: "vcpu-8_memory-32g_disk-80g",
        vcpus: 8,
        disk_gib: 80,
        gpu: None,
        regions: ALL_REGIONS,
        capacity: 50,
    },
    InstanceType {
        name: "vcpu-4_memory-12g_disk-80g_nvidia3080-1",
        vcpus: 4,
        disk_gib: 80,
        gpu: Some((&RTX_3080, 1)),
        regions: RTX_REGIONS,
        capacity: 24,
    },
    InstanceType {
        name: "vcpu-8_memory-24g_disk-80g_nvidia3080-2",
        vcpus: 8,
        disk_gib: 80,
        gpu: Some((&RTX_3080, 2)),
        regions: RTX_REGIONS,
        capacity: 12,
    },
    InstanceType {
        name: "vcpu-16_memory-48g_disk-80g_nvidia3080-4",
        vcpus: 16,
        disk_gib: 80,
        gpu: Some((&RTX_3080, 4)),
        regions: RTX_REGIONS,
        capacity: 6,
    },
    InstanceType {
        name: "vcpu-32_memory-96g_disk-80g_nvidia3080-8",
        vcpus: 32,
        disk_gib: 80,
        gpu: Some((&RTX_3080, 8)),
        regions: RTX_REGIONS,
        capacity: 2,
    },
    InstanceType {
        name: "vcpu-6_memory-32g_disk-80g_nvidia3090-1",
        vcpus: 6,
        disk_gib: 80,
        gpu: Some((&RTX_3090, 1)),
        regions: &[NordNoKrs1],
        capacity: 16,
    },
    InstanceType {
        name: "vcpu-24_memory-240g_disk-800g_nvidiah100-1",
        vcpus: 24,
        disk_gib: 800,
        gpu: Some((&H100, 1)),
        regions: H100_REGIONS,
        capacity: 8,
    },
    InstanceType {
        name: "vcpu-192_memory-1920g_disk-2000g_nvidiah100-8",
        vcpus: 192,
        disk_gib: 2000,
        gpu: Some((&H100, 8)),
        regions: H100_REGIONS,
        capacity: 2,
    },
    InstanceType {
        name: "vcpu-240_memory-2048g_disk-4000g_nvidiab200-8",
        vcpus: 240,
        disk_gib: 4000,
        gpu: Some((&B200, 8)),
        regions: B200_REGIONS,
        capacity: 1,
    },
];

pub(crate) fn instance_type(name: &str) -> Option<&'static InstanceType> {
    INSTANCE_TYPES.iter().find(|t| t.name == name)
}

/// Names for error messages.
pub(crate) fn type_names() -> String {
    INSTANCE_TYPES
        .iter()
        .map(|t| t.name)
        .collect::<Vec<_>>()
        .join(", ")
}

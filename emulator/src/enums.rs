//! The contract's closed enumerations, each parsed strictly from request
//! bodies (an unknown value is a 400) and printed with its wire spelling.

macro_rules! wire_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub(crate) enum $name { $($variant),+ }

        impl $name {
            /// Every value, in wire order.
            pub(crate) const ALL: &'static [$name] = &[$($name::$variant),+];

            pub(crate) fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub(crate) fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }

            /// The accepted values joined for an error message.
            pub(crate) fn expected() -> String {
                Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

wire_enum!(
    /// A Genesis Cloud region.
    Region {
        EucDeMuc1 => "EUC-DE-MUC-1",
        EuwGbMnc1 => "EUW-GB-MNC-1",
        EuwNlAms1 => "EUW-NL-AMS-1",
        NaCaFts1 => "NA-CA-FTS-1",
        NaCaMnz1 => "NA-CA-MNZ-1",
        NaCaPrg1 => "NA-CA-PRG-1",
        NordNoKrs1 => "NORD-NO-KRS-1",
    }
);

impl Region {
    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// Lower-case form used in generated DNS names.
    pub(crate) fn dns_label(self) -> String {
        self.as_str().to_ascii_lowercase()
    }
}

wire_enum!(
    /// Operating system family of an image, snapshot or instance.
    OsType { Linux => "linux", Windows => "windows" }
);

wire_enum!(
    /// Block-storage class.
    VolumeType { Hdd => "hdd", Ssd => "ssd" }
);

wire_enum!(
    /// Filesystem backend.
    FilesystemType { Vast => "vast" }
);

wire_enum!(
    /// Address family of a floating IP.
    IpVersion { V4 => "ipv4", V6 => "ipv6" }
);

wire_enum!(
    /// Power action on an instance.
    InstanceAction { Reset => "reset", Start => "start", Stop => "stop" }
);

wire_enum!(
    /// How an instance is paid for.
    BillingType {
        OnDemand => "on-demand",
        Prepaid12Month => "prepaid-12-month",
        Prepaid3Month => "prepaid-3-month",
        Prepaid6Month => "prepaid-6-month",
        PrepaidMonthly => "prepaid-monthly",
        Reserved => "reserved",
    }
);

impl BillingType {
    /// Whether the instance is paid for a term ahead (`prepaid-*`), which
    /// the API answers by protecting it from deletion.
    pub(crate) fn is_long_term(self) -> bool {
        matches!(
            self,
            BillingType::Prepaid12Month
                | BillingType::Prepaid3Month
                | BillingType::Prepaid6Month
                | BillingType::PrepaidMonthly
        )
    }
}

wire_enum!(
    /// Traffic direction of a security-group rule.
    Direction { Egress => "egress", Ingress => "ingress" }
);

wire_enum!(
    /// Protocol of a security-group rule.
    Protocol { All => "all", Icmp => "icmp", Tcp => "tcp", Udp => "udp" }
);

wire_enum!(
    /// Status of an instance.
    InstanceStatus {
        Active => "active",
        Creating => "creating",
        Deleting => "deleting",
        Error => "error",
        PendingPayment => "pending_payment",
        Resetting => "resetting",
        Starting => "starting",
        Stopped => "stopped",
        Stopping => "stopping",
    }
);

wire_enum!(
    /// Status shared by snapshots, volumes, filesystems, security groups and
    /// floating IPs (not every value occurs for every resource).
    Status {
        Created => "created",
        Creating => "creating",
        Deleting => "deleting",
        Error => "error",
        PendingDelete => "pending_delete",
    }
);

/// A set of regions as a bit mask: images list their regions, and a million
/// images should not each carry a vector.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct RegionSet(pub u8);

impl RegionSet {
    pub(crate) fn all() -> Self {
        RegionSet((1u8 << Region::ALL.len()) - 1)
    }

    pub(crate) fn of(regions: &[Region]) -> Self {
        RegionSet(regions.iter().fold(0, |m, r| m | 1 << r.index()))
    }

    pub(crate) fn contains(self, region: Region) -> bool {
        self.0 & (1 << region.index()) != 0
    }

    pub(crate) fn iter(self) -> impl Iterator<Item = Region> {
        Region::ALL
            .iter()
            .copied()
            .filter(move |r| self.contains(*r))
    }
}

impl serde::Serialize for RegionSet {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

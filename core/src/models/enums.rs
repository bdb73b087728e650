//! The API's enumerations, kept open: a value the SDK does not know yet
//! decodes as `Other(String)` and re-encodes unchanged, because Genesis Cloud
//! adds regions and statuses inside v1 without notice.

macro_rules! open_enum {
    (
        $(#[doc = $doc:literal])*
        $name:ident { $( $(#[doc = $vdoc:literal])* $variant:ident => $wire:literal ),+ $(,)? }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[doc = $vdoc])* $variant, )+
            /// A value this version of the SDK does not know, kept verbatim.
            Other(String),
        }

        impl $name {
            /// The values this version of the SDK knows.
            pub const KNOWN: &'static [&'static str] = &[$($wire),+];

            /// The wire string.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )+
                    $name::Other(s) => s.as_str(),
                }
            }

            /// Whether this is a value the SDK knows.
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Other(_))
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> $name {
                match s {
                    $( $wire => $name::$variant, )+
                    other => $name::Other(other.to_owned()),
                }
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> $name {
                match s.as_str() {
                    $( $wire => $name::$variant, )+
                    _ => $name::Other(s),
                }
            }
        }

        // So that a call taking `impl Into<_>` also takes a reference.
        impl From<&$name> for $name {
            fn from(v: &$name) -> $name {
                v.clone()
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;
            fn from_str(s: &str) -> Result<$name, Self::Err> {
                Ok($name::from(s))
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.pad(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        /// Any string: each known value with its doc, then the rest.
        #[cfg(feature = "schema")]
        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                let known = [$(
                    serde_json::json!({"const": $wire, "description": doc_text(&[$($vdoc),*])}),
                )+];
                let unknown = serde_json::json!({
                    "type": "string",
                    "description": "A value this version of the SDK does not know, kept verbatim.",
                });
                schemars::json_schema!({
                    "description": doc_text(&[$($doc),*]),
                    "anyOf": known.into_iter().chain([unknown]).collect::<Vec<_>>(),
                })
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<$name, D::Error> {
                struct V;
                impl serde::de::Visitor<'_> for V {
                    type Value = $name;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(concat!("a ", stringify!($name), " string"))
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<$name, E> {
                        Ok($name::from(v))
                    }
                    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<$name, E> {
                        Ok($name::from(v))
                    }
                }
                d.deserialize_str(V)
            }
        }
    };
}

/// A doc comment's text, as `#[doc]` holds it line by line (each line with
/// the space after `///`), the way `schemars` reads the derived types' docs.
#[cfg(feature = "schema")]
fn doc_text(lines: &[&str]) -> String {
    let lines: Vec<&str> = lines
        .iter()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect();
    lines.join("\n").trim().to_owned()
}

open_enum! {
    /// A Genesis Cloud region.
    Region {
        /// Munich, Germany.
        EucDeMuc1 => "EUC-DE-MUC-1",
        /// Manchester, United Kingdom.
        EuwGbMnc1 => "EUW-GB-MNC-1",
        /// Amsterdam, Netherlands.
        EuwNlAms1 => "EUW-NL-AMS-1",
        /// Canada (FTS).
        NaCaFts1 => "NA-CA-FTS-1",
        /// Canada (MNZ).
        NaCaMnz1 => "NA-CA-MNZ-1",
        /// Canada (PRG).
        NaCaPrg1 => "NA-CA-PRG-1",
        /// Kristiansand, Norway.
        NordNoKrs1 => "NORD-NO-KRS-1",
    }
}

open_enum! {
    /// The kind of an image.
    ImageType {
        /// A cloud image published by Genesis Cloud.
        CloudImage => "cloud-image",
    }
}

open_enum! {
    /// An operating system family.
    OsType {
        /// Linux.
        Linux => "linux",
        /// Windows.
        Windows => "windows",
    }
}

open_enum! {
    /// The status of an instance.
    InstanceStatus {
        /// Running.
        Active => "active",
        /// Being created.
        Creating => "creating",
        /// Being deleted.
        Deleting => "deleting",
        /// Failed.
        Error => "error",
        /// Waiting for payment.
        PendingPayment => "pending_payment",
        /// Being reset.
        Resetting => "resetting",
        /// Being started.
        Starting => "starting",
        /// Stopped.
        Stopped => "stopped",
        /// Being stopped.
        Stopping => "stopping",
    }
}

open_enum! {
    /// An action on an instance.
    InstanceAction {
        /// Hard reset (allowed from `active`).
        Reset => "reset",
        /// Start (allowed from `stopped`).
        Start => "start",
        /// Stop (allowed from `active`, `starting`, `error`).
        Stop => "stop",
    }
}

open_enum! {
    /// How an instance is billed.
    InstanceBillingType {
        /// Billed by the hour.
        OnDemand => "on-demand",
        /// Prepaid for twelve months.
        Prepaid12Month => "prepaid-12-month",
        /// Prepaid for three months.
        Prepaid3Month => "prepaid-3-month",
        /// Prepaid for six months.
        Prepaid6Month => "prepaid-6-month",
        /// Prepaid monthly.
        PrepaidMonthly => "prepaid-monthly",
        /// Part of a reservation.
        Reserved => "reserved",
    }
}

open_enum! {
    /// The status of a volume.
    VolumeStatus {
        /// Ready.
        Created => "created",
        /// Being created.
        Creating => "creating",
        /// Being deleted.
        Deleting => "deleting",
        /// Failed.
        Error => "error",
        /// Waiting to be deleted.
        PendingDelete => "pending_delete",
    }
}

open_enum! {
    /// The storage class of a volume.
    VolumeType {
        /// Spinning disks.
        Hdd => "hdd",
        /// Solid-state disks.
        Ssd => "ssd",
    }
}

open_enum! {
    /// The status of a snapshot.
    SnapshotStatus {
        /// Ready.
        Created => "created",
        /// Being created.
        Creating => "creating",
        /// Being deleted.
        Deleting => "deleting",
        /// Failed.
        Error => "error",
        /// Waiting to be deleted.
        PendingDelete => "pending_delete",
    }
}

open_enum! {
    /// The status of a filesystem, floating IP or security group.
    ResourceStatus {
        /// Ready.
        Created => "created",
        /// Being created.
        Creating => "creating",
        /// Being deleted.
        Deleting => "deleting",
        /// Failed.
        Error => "error",
    }
}

open_enum! {
    /// The kind of a filesystem.
    FilesystemType {
        /// A VAST filesystem.
        Vast => "vast",
    }
}

open_enum! {
    /// The IP version of a floating IP.
    FloatingIpVersion {
        /// IPv4.
        Ipv4 => "ipv4",
        /// IPv6.
        Ipv6 => "ipv6",
    }
}

open_enum! {
    /// The direction of a security-group rule.
    SecurityGroupRuleDirection {
        /// Outgoing traffic.
        Egress => "egress",
        /// Incoming traffic.
        Ingress => "ingress",
    }
}

open_enum! {
    /// The protocol of a security-group rule.
    SecurityGroupRuleProtocol {
        /// Every protocol.
        All => "all",
        /// ICMP.
        Icmp => "icmp",
        /// TCP.
        Tcp => "tcp",
        /// UDP.
        Udp => "udp",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_values_round_trip() {
        let r: Region = serde_json::from_str("\"MARS-1\"").unwrap();
        assert_eq!(r, Region::Other("MARS-1".into()));
        assert!(!r.is_known());
        assert_eq!(serde_json::to_string(&r).unwrap(), "\"MARS-1\"");
    }

    #[test]
    fn known_values_decode_to_variants() {
        let s: InstanceStatus = serde_json::from_str("\"pending_payment\"").unwrap();
        assert_eq!(s, InstanceStatus::PendingPayment);
        assert_eq!(s.to_string(), "pending_payment");
        assert_eq!(InstanceAction::from("stop"), InstanceAction::Stop);
    }
}

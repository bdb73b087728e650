//! The core's operation table (`genesiscloud::operations`) as the addon
//! uses it: the JavaScript wrapper sends the arguments as JSON text (absent
//! when there are none) and gets every result, and every item of a list, back
//! as JSON text.

pub(crate) use genesiscloud::operations::{
    batches, paginate_json as paginate, prepare, prepare_wait, Items,
};

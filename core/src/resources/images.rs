use super::Listed;
use crate::models::{Image, ImageFilter};
use crate::pagination::HasId;

impl HasId for Image {
    fn id(&self) -> &str {
        &self.id
    }
}

impl Listed for Image {
    const PATH: &'static str = "/images";
    const PLURAL: &'static str = "images";
    type Filter = ImageFilter;
}

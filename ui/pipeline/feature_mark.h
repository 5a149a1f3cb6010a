#pragma once
// How far an image's features are, as the Files panel marks it.
namespace diffcut::ui {

enum class FeatureMark {
    None,
    Ready,     // cached (or prepared in memory): the image opens without encoding
    Preparing, // being computed in the background
};

} // namespace diffcut::ui

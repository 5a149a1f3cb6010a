#pragma once
// The parts of diffusers' config.json that shape the DiffCut encoder path: UNet2DConditionModel up
// to the hooked self-attention, and the AutoencoderKL encoder. The per-block variants diffusers
// accepts (int or list, nested transformer_layers_per_block, attention_head_dim as the head
// count) are normalised to one entry per block; values that would change the computation in ways
// the encoder does not implement are refused with an Error naming the file and the key.
// Torch-free.
#include <filesystem>
#include <string>
#include <vector>

namespace diffcut {

struct UNetDownBlockConfig {
    bool hasCrossAttention = false;    // CrossAttnDownBlock2D (else DownBlock2D)
    int inChannels = 0;
    int outChannels = 0;
    int resnetCount = 0;               // layers_per_block: resnets, and attentions when cross-attention
    std::vector<int> transformerDepths; // Transformer2DModel depth per attention; empty without attention
    int attentionHeads = 0;            // diffusers' attention_head_dim: the NUMBER of heads
    int crossAttentionDim = 0;
    bool hasDownsampler = false;       // every block but the last
};

struct UNetConfig {
    std::string source; // the config file, for messages
    int inChannels = 4;
    int sampleSize = 0; // the latent size it was trained at; 0 when not given
    std::vector<UNetDownBlockConfig> downBlocks;
    int convInKernel = 3;
    int timeEmbedDim = 0;     // time_embedding_dim, else 4 × block_out_channels[0]
    bool flipSinToCos = true;
    double freqShift = 0;
    int downsamplePadding = 1;
    int normGroups = 32;
    double normEps = 1e-5;
    bool useLinearProjection = false;
    bool upcastAttention = false;
    // SDXL family (addition_embed_type "text_time"); both 0 otherwise.
    int additionTimeEmbedDim = 0;
    int additionEmbedInputDim = 0; // projection_class_embeddings_input_dim

    bool hasTextTimeEmbedding() const { return additionTimeEmbedDim > 0; }
    // DiffCut's feature: the last attention of the last down block that has attention
    // (SDXL family: down_blocks[-1]; SD 1.x: down_blocks[-2]), its last transformer block's attn1.
    int hookedBlock() const;
    std::string hookedModuleName() const; // "down_blocks.2.attentions.1.transformer_blocks.3.attn1"
    int hookedChannels() const { return downBlocks[hookedBlock()].outChannels; }
    // How much smaller than the latent the feature grid is (2 per downsampler before the hook).
    int featureStride() const;
};

struct VaeConfig {
    std::string source;
    int inChannels = 3;
    std::vector<int> blockOutChannels;
    int layersPerBlock = 1;
    int latentChannels = 4;
    int normGroups = 32;
    double scalingFactor = 0.18215;
    bool forceUpcast = true;      // diffusers runs such VAEs in float32 even in a half-precision pipeline
    bool midBlockAttention = true;
    bool useQuantConv = true;

    int latentStride() const { return 1 << (blockOutChannels.size() - 1); } // image size / latent size
};

// Both throw Error ("<file>: <key> ...") for unreadable files, wrong types and unsupported values.
UNetConfig parseUNetConfig(const std::filesystem::path &configFile);
VaeConfig parseVaeConfig(const std::filesystem::path &configFile);

} // namespace diffcut

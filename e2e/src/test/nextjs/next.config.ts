import type { NextConfig } from 'next'

// Laid over the copy of the Next.js reference app by NextjsImageLoaderIT: next/image points at Frontdoor's
// image-service through the loader file in integrations/nextjs (copied beside this file). The sizes and qualities are
// Next.js 16's defaults, which image-service also has.
const nextConfig: NextConfig = {
  images: {
    loader: 'custom',
    loaderFile: './frontdoor-image-loader.js',
    deviceSizes: [640, 750, 828, 1080, 1200, 1920, 2048, 3840],
    imageSizes: [32, 48, 64, 96, 128, 256, 384],
    qualities: [75],
  },
}

export default nextConfig

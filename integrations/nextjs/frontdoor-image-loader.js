// next/image → Frontdoor's image-service. In next.config:
//   images: { loader: 'custom', loaderFile: './frontdoor-image-loader.js' }
// and set NEXT_PUBLIC_FRONTDOOR_ORIGIN at build time to the gateway's public origin (https://www.example.com).
// Leave it unset when the Next.js app itself is served through the Frontdoor gateway: the URLs then stay relative.
//
// The URL is the one Next.js's own optimizer takes (/_next/image?url=&w=&q=), so image-service answers it with
// Next.js's rules: `w` must be one of its deviceSizes or imageSizes and `q` one of its qualities (give it the same
// `images` settings as the app: NEXTJS_IMAGES), `url` a local path its localPatterns allow (fetched from
// IMAGE_LOCAL_ORIGIN) or an absolute URL its remotePatterns allow. The format (AVIF, WebP or the original's) is chosen
// by image-service from the browser's Accept header.
const origin = (process.env.NEXT_PUBLIC_FRONTDOOR_ORIGIN || '').replace(/\/+$/, '')

export default function frontdoorImageLoader({ config, src, width, quality }) {
  return `${origin}/_next/image?url=${encodeURIComponent(src)}&w=${width}&q=${closestQuality(quality, config)}`
}

// As Next.js's default loader: the allowed quality nearest the one asked for (75 when none is).
function closestQuality(quality, config) {
  const wanted = quality || 75
  const allowed = config?.qualities
  if (!allowed?.length) {
    return wanted
  }
  return allowed.reduce((best, q) => (Math.abs(q - wanted) < Math.abs(best - wanted) ? q : best), allowed[0])
}

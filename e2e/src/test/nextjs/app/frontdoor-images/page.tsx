import Image from 'next/image'

export const metadata = { title: 'Images from Frontdoor' }

// Three ways next/image asks for widths (the demo images are 1600×1067 and served by Frontdoor's content-service):
// a fixed width (a 1x/2x srcset), a responsive image with `sizes` (a w srcset of every size), and `fill`.
export default function FrontdoorImages() {
  return (
    <main>
      <h1>Images from Frontdoor</h1>
      <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
        <Image id="fixed" src="/images/forest.jpg" alt="Forest" width={256} height={171} loading="eager" />
        <Image id="responsive" src="/images/dunes.jpg" alt="Dunes" width={1600} height={1067} sizes="600px"
          style={{ width: 600, height: 'auto' }} loading="eager" />
        <div style={{ position: 'relative', width: 300, height: 200, flex: 'none' }}>
          <Image id="fill" src="/images/harbour.jpg" alt="Harbour" fill sizes="300px" style={{ objectFit: 'cover' }}
            loading="eager" />
        </div>
      </div>
    </main>
  )
}

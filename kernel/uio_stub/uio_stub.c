// SPDX-License-Identifier: GPL-2.0-only
/*
 * uio_stub: a generic UIO platform driver for uiokit.
 *
 * Debian's 6.1 kernels ship UIO without uio_pdrv_genirq or uio_dmem_genirq, so a userspace
 * driver has nothing to bind a device-tree node or an x86 MMIO block to. This module fills
 * that gap. It exposes up to MAX_UIO_MAPS (5) windows through /dev/uioN, each reached by
 * mmap() at offset N * PAGE_SIZE and described in /sys/class/uio/uioN/maps/mapN:
 *
 *   phys      device registers (MMIO) at a physical address, mapped uncached
 *   reserved  a `reserved-memory` carve-out (memory-region phandle): the kernel maps it with
 *             memremap() and userspace gets the same pages write-combined
 *   vmalloc   vmalloc_user() memory, inserted into the process page by page on fault
 *             (virtually contiguous only: maps/mapN/addr reads 0)
 *   logical   __get_free_pages() memory, physically contiguous: addr is its physical address
 *   dma       dma_alloc_coherent() memory: addr is its bus (DMA) address, the one a device
 *             must be programmed with; mapped with dma_mmap_coherent()
 *
 * and one interrupt: either a real line (handled as uio_pdrv_genirq does: masked in the
 * handler, unmasked when userspace writes 1 to /dev/uioN) or a software interrupt, an
 * hrtimer that raises an event every period and that writes of 0/1 stop and start. A node
 * with several interrupts gets one more UIO device per extra line ("<name>-irq<index>").
 *
 * It binds three ways: to device-tree nodes with compatible "uiokit,uio-stub"; to AMBA
 * (PrimeCell) devices named to it through driver_override, so that the kernel's own driver for
 * the cell can take it back; and, when module parameters describe a device (regions=,
 * vmalloc=, ...), to a platform device it registers itself. See README.md in this folder for
 * the parameters and the binding.
 *
 * Because the 6.1 UIO core has no DMA-coherent map type and would remap a bus address as
 * if it were a physical one, this driver supplies its own mmap for every map kind.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#ifdef CONFIG_ARM_AMBA
#include <linux/amba/bus.h>
#endif
#include <linux/clk.h>
#include <linux/ctype.h>
#include <linux/dma-mapping.h>
#include <linux/gfp.h>
#include <linux/hrtimer.h>
#include <linux/io.h>
#include <linux/irq.h>
#include <linux/kref.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/of_reserved_mem.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uio_driver.h>
#include <linux/vmalloc.h>

#define STUB_NAME_LEN 32
#define STUB_MAX_EXTRA_IRQS 4
#define STUB_MAX_RES 8		/* more than MAX_UIO_MAPS: one too many is refused by name */
#define STUB_MAX_IRQS 8

enum stub_kind { STUB_PHYS, STUB_RESERVED, STUB_VMALLOC, STUB_LOGICAL, STUB_DMA };

static const char *const stub_kind_names[] = {
	[STUB_PHYS] = "phys", [STUB_RESERVED] = "reserved", [STUB_VMALLOC] = "vmalloc",
	[STUB_LOGICAL] = "logical", [STUB_DMA] = "dma",
};

/* What a device should have, from module parameters or from its device-tree node. */
struct stub_map_spec {
	enum stub_kind kind;
	char name[STUB_NAME_LEN];
	phys_addr_t addr;	/* phys, reserved */
	size_t size;		/* page multiple */
};

struct stub_config {
	struct stub_map_spec maps[MAX_UIO_MAPS];
	int nmaps;
	int irq;		/* Linux irq number, 0 for none */
	unsigned int timer_us;	/* software interrupt period, 0 for none */
	char name[STUB_NAME_LEN];
};

struct stub_dev;

struct stub_map {
	struct stub_dev *stub;
	int index;
	enum stub_kind kind;
	char name[STUB_NAME_LEN];
	phys_addr_t phys;
	void *cpu;		/* kernel address of a buffer or of the reserved memory */
	dma_addr_t dma;
	size_t size;
};

/*
 * One bound device. It is reference counted because a process may keep a mapping after the
 * device goes away (device-tree node removed, platform device unregistered): the buffers
 * must live until the last vma closes, or the process would be writing into freed pages
 * (for the DMA buffer, pages the allocator has handed to someone else).
 */
struct stub_dev {
	struct kref ref;
	struct device *dev;	/* reference held: dma_free_coherent needs it in the release */
	struct uio_info info;
	struct stub_map maps[MAX_UIO_MAPS];
	int nmaps;
	bool registered;

	spinlock_t lock;	/* irq_disabled, timer_allowed, timer_on */
	bool irq_disabled;
	bool unlazy;		/* we set IRQ_DISABLE_UNLAZY and must clear it */

	struct hrtimer timer;
	ktime_t period;
	bool timer_allowed;	/* cleared before unregistering: no restart after that */
	bool timer_on;
	atomic64_t last_event_ns;	/* CLOCK_MONOTONIC of the last timer event */
	bool attr_added;

	struct clk_bulk_data *clks;
	int nclks;
	char name[STUB_NAME_LEN];

	/* A node's other interrupt lines, one UIO device each (UIO has one line per device). */
	struct stub_dev *extra[STUB_MAX_EXTRA_IRQS];
	int nextra;
};

/* ---- memory ---------------------------------------------------------------------------- */

static void stub_release(struct kref *ref)
{
	struct stub_dev *stub = container_of(ref, struct stub_dev, ref);
	int i;

	for (i = 0; i < stub->nmaps; i++) {
		struct stub_map *m = &stub->maps[i];

		if (!m->cpu)
			continue;
		switch (m->kind) {
		case STUB_VMALLOC:
			vfree(m->cpu);
			break;
		case STUB_LOGICAL:
			free_pages((unsigned long)m->cpu, get_order(m->size));
			break;
		case STUB_DMA:
			dma_free_coherent(stub->dev, m->size, m->cpu, m->dma);
			break;
		case STUB_RESERVED:
			memunmap(m->cpu);
			break;
		case STUB_PHYS:
			break;
		}
	}
	put_device(stub->dev);
	kfree(stub);
}

static void stub_vm_open(struct vm_area_struct *vma)
{
	struct stub_map *m = vma->vm_private_data;

	kref_get(&m->stub->ref);
}

static void stub_vm_close(struct vm_area_struct *vma)
{
	struct stub_map *m = vma->vm_private_data;

	kref_put(&m->stub->ref, stub_release);
}

/*
 * A vmalloc buffer is not physically contiguous, so it cannot be remapped in one go; each
 * page is looked up and inserted when first touched.
 * The page reference taken here is dropped when the pte goes.
 */
static vm_fault_t stub_vm_fault(struct vm_fault *vmf)
{
	struct stub_map *m = vmf->vma->vm_private_data;
	unsigned long off;
	struct page *page;

	/* The file offset of a map starts at page `index`: vmf->pgoff - index is the page
	 * within the map, whatever vma a split left us with. */
	if (vmf->pgoff < m->index)
		return VM_FAULT_SIGBUS;
	off = (vmf->pgoff - m->index) << PAGE_SHIFT;
	if (off >= m->size)
		return VM_FAULT_SIGBUS;
	if (m->kind == STUB_VMALLOC)
		page = vmalloc_to_page(m->cpu + off);
	else
		page = virt_to_page(m->cpu + off);
	get_page(page);
	vmf->page = page;
	return 0;
}

static const struct vm_operations_struct stub_fault_vm_ops = {
	.open = stub_vm_open,
	.close = stub_vm_close,
	.fault = stub_vm_fault,
};

static const struct vm_operations_struct stub_pfn_vm_ops = {
	.open = stub_vm_open,
	.close = stub_vm_close,
#ifdef CONFIG_HAVE_IOREMAP_PROT
	.access = generic_access_phys,	/* lets gdb/ptrace read MMIO maps */
#endif
};

/* The UIO core checked the index and that the vma is not longer than the map. */
static int stub_mmap(struct uio_info *info, struct vm_area_struct *vma)
{
	struct stub_dev *stub = info->priv;
	struct stub_map *m;
	unsigned long len = vma->vm_end - vma->vm_start;
	int ret;

	if (vma->vm_pgoff >= stub->nmaps)
		return -EINVAL;
	m = &stub->maps[vma->vm_pgoff];
	if (len > m->size)
		return -EINVAL;

	vma->vm_private_data = m;
	switch (m->kind) {
	case STUB_PHYS:
		vma->vm_ops = &stub_pfn_vm_ops;
		vma->vm_page_prot = pgprot_noncached(vma->vm_page_prot);
		ret = io_remap_pfn_range(vma, vma->vm_start, PHYS_PFN(m->phys), len,
					 vma->vm_page_prot);
		break;
	case STUB_RESERVED:
		/* Same attributes as the kernel's memremap(MEMREMAP_WC): ARM forbids
		 * mismatched aliases of one physical page. */
		vma->vm_ops = &stub_pfn_vm_ops;
		vma->vm_page_prot = pgprot_writecombine(vma->vm_page_prot);
		ret = remap_pfn_range(vma, vma->vm_start, PHYS_PFN(m->phys), len,
				      vma->vm_page_prot);
		break;
	case STUB_VMALLOC:
	case STUB_LOGICAL:
		vma->vm_ops = &stub_fault_vm_ops;
		vma->vm_flags |= VM_DONTEXPAND | VM_DONTDUMP;
		ret = 0;
		break;
	case STUB_DMA: {
		/* dma_mmap_coherent reads vm_pgoff as the offset into the buffer. */
		unsigned long pgoff = vma->vm_pgoff;

		vma->vm_ops = &stub_pfn_vm_ops;
		vma->vm_pgoff = 0;
		ret = dma_mmap_coherent(stub->dev, vma, m->cpu, m->dma, m->size);
		vma->vm_pgoff = pgoff;
		break;
	}
	default:
		ret = -EINVAL;
	}
	if (ret == 0)
		kref_get(&stub->ref);	/* dropped by stub_vm_close */
	return ret;
}

/* ---- interrupts ------------------------------------------------------------------------ */

/*
 * A real line: the device keeps asserting until userspace clears its cause, so mask the
 * line here and let userspace unmask it (write 1) once it has. IRQ_DISABLE_UNLAZY makes
 * the mask take effect now; with the default lazy disable a level line fires once more
 * before it is masked and userspace sees each interrupt twice.
 */
static irqreturn_t stub_irq_handler(int irq, struct uio_info *info)
{
	struct stub_dev *stub = info->priv;

	spin_lock(&stub->lock);
	if (!stub->irq_disabled) {
		stub->irq_disabled = true;
		disable_irq_nosync(irq);
	}
	spin_unlock(&stub->lock);
	return IRQ_HANDLED;
}

static int stub_irqcontrol(struct uio_info *info, s32 on)
{
	struct stub_dev *stub = info->priv;
	unsigned long flags;

	spin_lock_irqsave(&stub->lock, flags);
	if (on && stub->irq_disabled) {
		stub->irq_disabled = false;
		enable_irq(info->irq);
	} else if (!on && !stub->irq_disabled) {
		stub->irq_disabled = true;
		disable_irq_nosync(info->irq);
	}
	spin_unlock_irqrestore(&stub->lock, flags);
	return 0;
}

static enum hrtimer_restart stub_timer_fn(struct hrtimer *t)
{
	struct stub_dev *stub = container_of(t, struct stub_dev, timer);

	atomic64_set(&stub->last_event_ns, ktime_get_ns());
	uio_event_notify(&stub->info);
	hrtimer_forward_now(t, stub->period);
	return HRTIMER_RESTART;
}

/* Software interrupt: 0 stops the timer, 1 starts it (one period from now). */
static int stub_timer_control(struct uio_info *info, s32 on)
{
	struct stub_dev *stub = info->priv;
	bool start = false, stop = false;

	spin_lock_irq(&stub->lock);
	if (on && !stub->timer_on && stub->timer_allowed) {
		stub->timer_on = true;
		start = true;
	} else if (!on && stub->timer_on) {
		stub->timer_on = false;
		stop = true;
	}
	spin_unlock_irq(&stub->lock);
	/* irqcontrol runs in process context (write() on /dev/uioN) under the UIO core's
	 * info_lock, which serialises these calls. */
	if (start)
		hrtimer_start(&stub->timer, stub->period, HRTIMER_MODE_REL);
	if (stop)
		hrtimer_cancel(&stub->timer);
	return 0;
}

/*
 * device/last_event_ns: when the software interrupt last fired, in CLOCK_MONOTONIC
 * nanoseconds (the clock of clock_gettime(CLOCK_MONOTONIC)). It lets a benchmark measure the
 * wake-up latency of a reader: its own time at wake-up minus this.
 */
static ssize_t last_event_ns_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct stub_dev *stub = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%lld\n", (long long)atomic64_read(&stub->last_event_ns));
}
static DEVICE_ATTR_RO(last_event_ns);

/* ---- validation ------------------------------------------------------------------------ */

/*
 * Check a physical window: page aligned (the UIO core refuses to mmap an unaligned one),
 * not RAM (a process writing the kernel's memory through a map is a root exploit, and a
 * second cacheable alias of RAM is undefined on ARM), not overlapping another map.
 */
static int stub_check_phys(const char *what, const struct stub_config *cfg, int idx)
{
	const struct stub_map_spec *s = &cfg->maps[idx];
	int i;

	if (s->size == 0) {
		pr_err("%s: map '%s': size is zero\n", what, s->name);
		return -EINVAL;
	}
	if (!PAGE_ALIGNED(s->addr) || !PAGE_ALIGNED(s->size)) {
		pr_err("%s: map '%s': address %pa and size 0x%zx must be multiples of the page size 0x%lx\n",
		       what, s->name, &s->addr, s->size, PAGE_SIZE);
		return -EINVAL;
	}
	if (s->addr + s->size - 1 < s->addr) {
		pr_err("%s: map '%s': address %pa + size 0x%zx wraps around\n",
		       what, s->name, &s->addr, s->size);
		return -EINVAL;
	}
	if (s->kind == STUB_PHYS &&
	    region_intersects(s->addr, s->size, IORESOURCE_SYSTEM_RAM, IORES_DESC_NONE) !=
		    REGION_DISJOINT) {
		pr_err("%s: map '%s': %pa+0x%zx is system RAM; only device memory can be a phys map\n",
		       what, s->name, &s->addr, s->size);
		return -EINVAL;
	}
	for (i = 0; i < idx; i++) {
		const struct stub_map_spec *o = &cfg->maps[i];

		if (o->kind != STUB_PHYS && o->kind != STUB_RESERVED)
			continue;
		if (s->addr < o->addr + o->size && o->addr < s->addr + s->size) {
			pr_err("%s: map '%s' (%pa+0x%zx) overlaps map '%s' (%pa+0x%zx)\n", what,
			       s->name, &s->addr, s->size, o->name, &o->addr, o->size);
			return -EINVAL;
		}
	}
	return 0;
}

static int stub_check_config(const char *what, const struct stub_config *cfg)
{
	int i, ret;

	for (i = 0; i < cfg->nmaps; i++) {
		const struct stub_map_spec *s = &cfg->maps[i];

		if (s->kind == STUB_PHYS || s->kind == STUB_RESERVED) {
			ret = stub_check_phys(what, cfg, i);
			if (ret)
				return ret;
		} else if (s->size == 0 || !PAGE_ALIGNED(s->size)) {
			pr_err("%s: %s buffer '%s': size 0x%zx must be a non-zero multiple of the page size 0x%lx\n",
			       what, stub_kind_names[s->kind], s->name, s->size, PAGE_SIZE);
			return -EINVAL;
		}
	}
	if (cfg->irq && cfg->timer_us) {
		pr_err("%s: a real interrupt (irq %d) and a software timer are exclusive: UIO has one interrupt per device\n",
		       what, cfg->irq);
		return -EINVAL;
	}
	return 0;
}

/* ---- device lifetime ------------------------------------------------------------------- */

static int stub_alloc_map(struct stub_dev *stub, struct stub_map *m)
{
	switch (m->kind) {
	case STUB_PHYS:
		return 0;
	case STUB_RESERVED:
		/* The kernel's own view of the carve-out: memremap, since it is memory, not MMIO. */
		m->cpu = memremap(m->phys, m->size, MEMREMAP_WC);
		return m->cpu ? 0 : -ENOMEM;
	case STUB_VMALLOC:
		/* vmalloc_user zeroes the pages and marks the area as mappable to userspace. */
		m->cpu = vmalloc_user(m->size);
		return m->cpu ? 0 : -ENOMEM;
	case STUB_LOGICAL:
		/* __GFP_COMP: the pages form one compound page, so the per-page get_page() in
		 * the fault handler pins the whole allocation consistently. */
		m->cpu = (void *)__get_free_pages(GFP_KERNEL | __GFP_ZERO | __GFP_COMP,
						  get_order(m->size));
		if (!m->cpu)
			return -ENOMEM;
		m->phys = virt_to_phys(m->cpu);
		return 0;
	case STUB_DMA:
		m->cpu = dma_alloc_coherent(stub->dev, m->size, &m->dma, GFP_KERNEL);
		return m->cpu ? 0 : -ENOMEM;
	}
	return -EINVAL;
}

static void stub_destroy(struct stub_dev *stub)
{
	while (stub->nextra > 0)
		stub_destroy(stub->extra[--stub->nextra]);
	spin_lock_irq(&stub->lock);
	stub->timer_allowed = false;
	stub->timer_on = false;
	spin_unlock_irq(&stub->lock);
	if (stub->period)
		hrtimer_cancel(&stub->timer);
	if (stub->attr_added)
		device_remove_file(stub->dev, &dev_attr_last_event_ns);
	if (stub->registered)
		uio_unregister_device(&stub->info);	/* frees a real irq */
	if (stub->unlazy)
		irq_clear_status_flags(stub->info.irq, IRQ_DISABLE_UNLAZY);
	if (stub->nclks > 0)
		clk_bulk_disable_unprepare(stub->nclks, stub->clks);
	/* Buffers stay until the last mapping of them is gone. */
	kref_put(&stub->ref, stub_release);
}

static struct stub_dev *stub_create(struct device *dev, const struct stub_config *cfg,
				    struct clk_bulk_data *clks, int nclks)
{
	struct stub_dev *stub;
	int i, ret;

	stub = kzalloc(sizeof(*stub), GFP_KERNEL);
	if (!stub)
		return ERR_PTR(-ENOMEM);
	kref_init(&stub->ref);
	spin_lock_init(&stub->lock);
	stub->dev = get_device(dev);
	strscpy(stub->name, cfg->name, sizeof(stub->name));

	stub->info.name = stub->name;
	stub->info.version = "1";
	stub->info.priv = stub;
	stub->info.mmap = stub_mmap;

	for (i = 0; i < cfg->nmaps; i++) {
		const struct stub_map_spec *s = &cfg->maps[i];
		struct stub_map *m = &stub->maps[i];
		struct uio_mem *mem = &stub->info.mem[i];

		m->stub = stub;
		m->index = i;
		m->kind = s->kind;
		m->phys = s->addr;
		m->size = s->size;
		strscpy(m->name, s->name, sizeof(m->name));
		stub->nmaps = i + 1;
		ret = stub_alloc_map(stub, m);
		if (ret) {
			dev_err(dev, "map %d '%s': cannot allocate a %s buffer of 0x%zx bytes (%d)\n",
				i, m->name, stub_kind_names[m->kind], m->size, ret);
			goto fail;
		}
		/* What maps/mapN/addr shows: the address a device or a debugger would use. */
		mem->name = m->name;
		mem->size = m->size;
		switch (m->kind) {
		case STUB_PHYS:
		case STUB_RESERVED:
			mem->memtype = UIO_MEM_PHYS;
			mem->addr = m->phys;
			break;
		case STUB_LOGICAL:
			mem->memtype = UIO_MEM_LOGICAL;
			mem->addr = m->phys;
			break;
		case STUB_VMALLOC:
			mem->memtype = UIO_MEM_VIRTUAL;
			mem->addr = 0;	/* not contiguous: no single address is meaningful */
			break;
		case STUB_DMA:
			/* The bus address: an IOVA when an IOMMU translates for this device. */
			mem->memtype = UIO_MEM_IOVA;
			mem->addr = m->dma;
			break;
		}
	}

	if (cfg->irq > 0) {
		stub->info.irq = cfg->irq;
		stub->info.handler = stub_irq_handler;
		stub->info.irqcontrol = stub_irqcontrol;
		irq_set_status_flags(cfg->irq, IRQ_DISABLE_UNLAZY);
		stub->unlazy = true;
	} else if (cfg->timer_us) {
		stub->info.irq = UIO_IRQ_CUSTOM;
		stub->info.irqcontrol = stub_timer_control;
		stub->period = ns_to_ktime((u64)cfg->timer_us * NSEC_PER_USEC);
		hrtimer_init(&stub->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
		stub->timer.function = stub_timer_fn;
	}

	ret = uio_register_device(dev, &stub->info);
	if (ret) {
		dev_err(dev, "cannot register the UIO device '%s' (%d)%s\n", stub->name, ret,
			cfg->irq > 0 ? ": is the irq number valid and free?" : "");
		goto fail;
	}
	stub->registered = true;

	/* The clocks of a device-tree node are on while the node is bound. */
	if (nclks > 0) {
		ret = clk_bulk_prepare_enable(nclks, clks);
		if (ret)
			dev_warn(dev, "cannot enable the node's clocks (%d); continuing\n", ret);
		else {
			stub->clks = clks;
			stub->nclks = nclks;
		}
	}

	if (stub->period) {
		dev_set_drvdata(dev, stub);
		stub->attr_added = !device_create_file(dev, &dev_attr_last_event_ns);
		spin_lock_irq(&stub->lock);
		stub->timer_allowed = true;
		stub->timer_on = true;
		spin_unlock_irq(&stub->lock);
		hrtimer_start(&stub->timer, stub->period, HRTIMER_MODE_REL);
	}

	dev_info(dev, "%s: %d map(s), %s\n", dev_name(&stub->info.uio_dev->dev), stub->nmaps,
		 cfg->irq > 0 ? "real interrupt" : cfg->timer_us ? "timer interrupt" : "no interrupt");
	for (i = 0; i < stub->nmaps; i++)
		dev_info(dev, "  map%d %-10s %-8s addr %pa size 0x%zx\n", i, stub->maps[i].name,
			 stub_kind_names[stub->maps[i].kind], &stub->info.mem[i].addr,
			 stub->maps[i].size);
	if (stub->info.irq > 0)
		dev_info(dev, "  irq %ld (masked on each interrupt; write 1 to re-enable)\n",
			 stub->info.irq);
	else if (stub->period)
		dev_info(dev, "  timer interrupt every %u us (write 0/1 to stop/start)\n",
			 cfg->timer_us);
	return stub;

fail:
	stub_destroy(stub);
	return ERR_PTR(ret);
}

/* ---- device-tree binding --------------------------------------------------------------- */

static int stub_add_spec(struct device *dev, struct stub_config *cfg, enum stub_kind kind,
			 const char *name, phys_addr_t addr, size_t size)
{
	struct stub_map_spec *s;

	if (cfg->nmaps >= MAX_UIO_MAPS) {
		dev_err(dev, "too many maps: UIO allows %d (reg entries, memory-region and buffers together)\n",
			MAX_UIO_MAPS);
		return -EINVAL;
	}
	s = &cfg->maps[cfg->nmaps];
	s->kind = kind;
	s->addr = addr;
	s->size = size;
	strscpy(s->name, name, sizeof(s->name));
	cfg->nmaps++;
	return 0;
}

/* What the bus hands a device-tree node: its MMIO windows and its interrupt lines. */
struct stub_hw {
	struct resource *res[STUB_MAX_RES];
	int nres;
	int irq[STUB_MAX_IRQS];	/* Linux irq numbers; 0 where a line is absent */
	int nirqs;
};

static int stub_bind(struct device *dev, const struct stub_hw *hw)
{
	struct device_node *np = dev->of_node;
	struct stub_config *cfg;
	struct stub_dev *stub;
	struct clk_bulk_data *clks = NULL;
	struct device_node *rnp;
	const char *str;
	char what[64];
	int nregs, nclks, nirqs, i, ret;
	u32 v, irq_index = 0;

	if (!np)
		return -ENODEV;
	cfg = devm_kzalloc(dev, sizeof(*cfg), GFP_KERNEL);
	if (!cfg)
		return -ENOMEM;
	snprintf(what, sizeof(what), "%pOF", np);

	if (!of_property_read_string(np, "uiokit,uio-name", &str))
		strscpy(cfg->name, str, sizeof(cfg->name));
	else
		strscpy(cfg->name, of_node_full_name(np), sizeof(cfg->name));

	/* reg: one phys map each; the node's size is rounded up to a page, since UIO refuses
	 * an mmap longer than the map. */
	for (nregs = 0; nregs < hw->nres; nregs++) {
		const struct resource *res = hw->res[nregs];
		char name[STUB_NAME_LEN];

		if (of_property_read_string_index(np, "reg-names", nregs, &str))
			snprintf(name, sizeof(name), "reg%d", nregs);
		else
			strscpy(name, str, sizeof(name));
		ret = stub_add_spec(dev, cfg, STUB_PHYS, name, res->start,
				    PAGE_ALIGN(resource_size(res)));
		if (ret)
			return ret;
	}

	rnp = of_parse_phandle(np, "memory-region", 0);
	if (rnp) {
		struct reserved_mem *rmem = of_reserved_mem_lookup(rnp);

		of_node_put(rnp);
		if (!rmem) {
			dev_err(dev, "memory-region does not name a reserved-memory node the kernel set aside\n");
			return -EINVAL;
		}
		ret = stub_add_spec(dev, cfg, STUB_RESERVED, rmem->name, rmem->base,
				    PAGE_ALIGN(rmem->size));
		if (ret)
			return ret;
	}
	if (!of_property_read_u32(np, "uiokit,vmalloc-size", &v)) {
		ret = stub_add_spec(dev, cfg, STUB_VMALLOC, "vmalloc", 0, v);
		if (ret)
			return ret;
	}
	if (!of_property_read_u32(np, "uiokit,logical-size", &v)) {
		ret = stub_add_spec(dev, cfg, STUB_LOGICAL, "logical", 0, v);
		if (ret)
			return ret;
	}
	if (!of_property_read_u32(np, "uiokit,dma-size", &v)) {
		ret = stub_add_spec(dev, cfg, STUB_DMA, "dma", 0, v);
		if (ret)
			return ret;
	}
	/* uiokit,map-names names every map in order and overrides reg-names. */
	for (i = 0; i < cfg->nmaps; i++)
		if (!of_property_read_string_index(np, "uiokit,map-names", i, &str))
			strscpy(cfg->maps[i].name, str, sizeof(cfg->maps[i].name));

	of_property_read_u32(np, "uiokit,irq-index", &irq_index);
	if (irq_index < (u32)hw->nirqs && hw->irq[irq_index] > 0)
		cfg->irq = hw->irq[irq_index];
	if (!of_property_read_u32(np, "uiokit,timer-ms", &v) && v) {
		if (cfg->irq) {
			dev_info(dev, "uiokit,timer-ms ignored: the node has a real interrupt\n");
		} else {
			cfg->timer_us = v * 1000;
		}
	}

	ret = stub_check_config(what, cfg);
	if (ret)
		return ret;

	nclks = devm_clk_bulk_get_all(dev, &clks);
	if (nclks == -EPROBE_DEFER)
		return nclks;
	if (nclks < 0) {
		dev_warn(dev, "cannot get the node's clocks (%d); continuing without\n", nclks);
		nclks = 0;
	}

	stub = stub_create(dev, cfg, clks, nclks);
	if (IS_ERR(stub))
		return PTR_ERR(stub);
	dev_set_drvdata(dev, stub);

	/*
	 * The node's other interrupts (the Exynos RTC lists alarm then tick): each becomes a UIO
	 * device of its own, "<name>-irq<index>", with the node's reg maps so that its process
	 * can acknowledge the device. The maps alias the main device's; the buffers do not.
	 */
	nirqs = cfg->irq ? hw->nirqs : 0;
	for (i = 0; i < nirqs; i++) {
		struct stub_config *ecfg = cfg;	/* reused: the main device is made */
		struct stub_dev *extra;
		int j, n = 0, line;

		if (i == (int)irq_index)
			continue;
		if (stub->nextra == STUB_MAX_EXTRA_IRQS) {
			dev_warn(dev, "interrupts beyond %d extra lines are not exported\n",
				 STUB_MAX_EXTRA_IRQS);
			break;
		}
		line = hw->irq[i];
		if (line <= 0)
			continue;
		for (j = 0; j < cfg->nmaps; j++)
			if (cfg->maps[j].kind == STUB_PHYS)
				ecfg->maps[n++] = cfg->maps[j];
		ecfg->nmaps = n;
		ecfg->irq = line;
		ecfg->timer_us = 0;
		snprintf(ecfg->name, sizeof(ecfg->name), "%s-irq%d", stub->name, i);
		extra = stub_create(dev, ecfg, NULL, 0);
		if (IS_ERR(extra)) {
			stub_destroy(stub);
			return PTR_ERR(extra);
		}
		stub->extra[stub->nextra++] = extra;
	}
	devm_kfree(dev, cfg);
	return 0;
}

static int stub_probe(struct platform_device *pdev)
{
	struct stub_hw hw = { .nres = 0 };
	struct resource *res;
	int n, line;

	while (hw.nres < STUB_MAX_RES &&
	       (res = platform_get_resource(pdev, IORESOURCE_MEM, hw.nres)))
		hw.res[hw.nres++] = res;
	n = platform_irq_count(pdev);
	if (n < 0)
		return n;	/* -EPROBE_DEFER: an interrupt controller is not there yet */
	for (; hw.nirqs < n && hw.nirqs < STUB_MAX_IRQS; hw.nirqs++) {
		line = platform_get_irq_optional(pdev, hw.nirqs);
		if (line == -EPROBE_DEFER)
			return line;
		hw.irq[hw.nirqs] = line > 0 ? line : 0;
	}
	return stub_bind(&pdev->dev, &hw);
}

static int stub_remove(struct platform_device *pdev)
{
	stub_destroy(platform_get_drvdata(pdev));
	return 0;
}

static const struct of_device_id stub_of_match[] = {
	{ .compatible = "uiokit,uio-stub" },
	{ }
};
/*
 * No MODULE_DEVICE_TABLE(of, ...): the amd64 modpost that cross-builds for 32-bit ARM
 * rejects its section size. The table only serves autoloading; load with insmod.
 */

static struct platform_driver stub_driver = {
	.probe = stub_probe,
	.remove = stub_remove,
	.driver = {
		.name = "uio_stub",
		.of_match_table = stub_of_match,
	},
};

#ifdef CONFIG_ARM_AMBA
/*
 * AMBA (PrimeCell) cells. A node that keeps its own compatible ("arm,pl031", "arm,primecell")
 * becomes an amba_device, which no platform driver sees, and the kernel's driver for the cell
 * (rtc-pl031) binds it at boot. This driver takes such a device only when named in its
 * driver_override (the ID table below matches no cell), so the two can be swapped at run time,
 * for instance to check that the kernel's driver reads what a userspace driver wrote:
 *
 *   echo 10017000.rtc > /sys/bus/amba/devices/10017000.rtc/driver/unbind
 *   echo uio_stub > /sys/bus/amba/devices/10017000.rtc/driver_override
 *   echo 10017000.rtc > /sys/bus/amba/drivers_probe
 *
 * The node's uiokit,* properties apply as for a platform device; the cell has one reg window.
 */
static int stub_amba_probe(struct amba_device *adev, const struct amba_id *id)
{
	struct stub_hw hw = { .res = { &adev->res }, .nres = 1 };

	for (; hw.nirqs < AMBA_NR_IRQS && hw.nirqs < STUB_MAX_IRQS && adev->irq[hw.nirqs]; hw.nirqs++)
		hw.irq[hw.nirqs] = adev->irq[hw.nirqs];
	return stub_bind(&adev->dev, &hw);
}

static void stub_amba_remove(struct amba_device *adev)
{
	stub_destroy(amba_get_drvdata(adev));
}

static const struct amba_id stub_amba_ids[] = {
	{ 0, 0 },	/* none: bound through driver_override only */
};

static struct amba_driver stub_amba_driver = {
	.drv = { .name = "uio_stub" },
	.probe = stub_amba_probe,
	.remove = stub_amba_remove,
	.id_table = stub_amba_ids,
};

static int stub_register_amba(void) { return amba_driver_register(&stub_amba_driver); }
static void stub_unregister_amba(void) { amba_driver_unregister(&stub_amba_driver); }
#else
static int stub_register_amba(void) { return 0; }
static void stub_unregister_amba(void) { }
#endif

/* ---- module parameters ----------------------------------------------------------------- */

/* Named param_* in C: `vmalloc` and `dma` would shadow kernel symbols. */
static char *param_regions;
module_param_named(regions, param_regions, charp, 0444);
MODULE_PARM_DESC(regions,
		 "maps, comma separated: NAME@ADDR+SIZE (phys MMIO) or NAME@KIND+SIZE with KIND vmalloc, logical or dma; e.g. hpet@0xfed00000+0x1000,ring@dma+64K");
static char *param_vmalloc;
module_param_named(vmalloc, param_vmalloc, charp, 0444);
MODULE_PARM_DESC(vmalloc, "size of a vmalloc buffer map named 'vmalloc' (e.g. 64K)");
static char *param_logical;
module_param_named(logical, param_logical, charp, 0444);
MODULE_PARM_DESC(logical, "size of a page-allocator buffer map named 'logical'");
static char *param_dma;
module_param_named(dma, param_dma, charp, 0444);
MODULE_PARM_DESC(dma, "size of a DMA-coherent buffer map named 'dma'");
static int param_irq;
module_param_named(irq, param_irq, int, 0444);
MODULE_PARM_DESC(irq, "Linux irq number of a real interrupt line (0: none)");
static unsigned int param_timer_ms;
module_param_named(timer_ms, param_timer_ms, uint, 0444);
MODULE_PARM_DESC(timer_ms, "period of a software (hrtimer) interrupt in milliseconds (0: none)");
static unsigned int param_timer_us;
module_param_named(timer_us, param_timer_us, uint, 0444);
MODULE_PARM_DESC(timer_us, "period of the software interrupt in microseconds (instead of timer_ms)");
static char *param_name;
module_param_named(name, param_name, charp, 0444);
MODULE_PARM_DESC(name, "UIO device name (/sys/class/uio/uioN/name), default uio_stub");

static struct platform_device *stub_param_pdev;
static struct stub_dev *stub_param_dev;

static bool stub_name_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n >= STUB_NAME_LEN)
		return false;
	for (; *s; s++)
		if (!isalnum(*s) && *s != '_' && *s != '-' && *s != '.')
			return false;
	return true;
}

/* A size: memparse syntax (0x1000, 4096, 64K, 1M), nothing after it. */
static int stub_parse_size(const char *param, const char *text, size_t *size)
{
	char *end;
	unsigned long long v = memparse(text, &end);

	if (end == text || *end) {
		pr_err("%s: '%s' is not a size (examples: 0x1000, 4096, 64K, 1M)\n", param, text);
		return -EINVAL;
	}
	*size = v;
	return 0;
}

static int stub_parse_regions(struct stub_config *cfg, char *list)
{
	char *entry;
	int ret;

	while ((entry = strsep(&list, ",")) != NULL) {
		char *at = strchr(entry, '@');
		char *plus = at ? strchr(at, '+') : NULL;
		struct stub_map_spec *s;
		int k;

		if (!*entry)
			continue;
		if (!at || !plus) {
			pr_err("regions: entry '%s': expected NAME@ADDR+SIZE or NAME@KIND+SIZE\n",
			       entry);
			return -EINVAL;
		}
		*at = '\0';
		*plus = '\0';
		if (!stub_name_ok(entry)) {
			pr_err("regions: name '%s' must be 1 to %d characters of [A-Za-z0-9_.-]\n",
			       entry, STUB_NAME_LEN - 1);
			return -EINVAL;
		}
		if (cfg->nmaps >= MAX_UIO_MAPS) {
			pr_err("regions: '%s' is one map too many: UIO allows %d maps per device\n",
			       entry, MAX_UIO_MAPS);
			return -EINVAL;
		}
		s = &cfg->maps[cfg->nmaps];
		strscpy(s->name, entry, sizeof(s->name));
		ret = stub_parse_size("regions", plus + 1, &s->size);
		if (ret)
			return ret;
		if (isdigit(at[1])) {
			unsigned long long a;

			if (kstrtoull(at + 1, 0, &a)) {
				pr_err("regions: map '%s': '%s' is not an address\n", entry, at + 1);
				return -EINVAL;
			}
			s->kind = STUB_PHYS;
			s->addr = a;
		} else {
			for (k = STUB_VMALLOC; k <= STUB_DMA; k++)
				if (!strcmp(at + 1, stub_kind_names[k]))
					break;
			if (k > STUB_DMA) {
				pr_err("regions: map '%s': unknown map kind '%s' (a physical address, vmalloc, logical or dma)\n",
				       entry, at + 1);
				return -EINVAL;
			}
			s->kind = k;
		}
		cfg->nmaps++;
	}
	return 0;
}

static int stub_add_buffer_param(struct stub_config *cfg, const char *param, const char *text,
				 enum stub_kind kind)
{
	struct stub_map_spec *s;
	int ret;

	if (!text)
		return 0;
	if (cfg->nmaps >= MAX_UIO_MAPS) {
		pr_err("%s: one map too many: UIO allows %d maps per device\n", param, MAX_UIO_MAPS);
		return -EINVAL;
	}
	s = &cfg->maps[cfg->nmaps];
	ret = stub_parse_size(param, text, &s->size);
	if (ret)
		return ret;
	s->kind = kind;
	strscpy(s->name, stub_kind_names[kind], sizeof(s->name));
	cfg->nmaps++;
	return 0;
}

static int stub_params_config(struct stub_config *cfg)
{
	char *copy;
	int ret;

	strscpy(cfg->name, "uio_stub", sizeof(cfg->name));
	if (param_name) {
		if (!stub_name_ok(param_name)) {
			pr_err("name: '%s' must be 1 to %d characters of [A-Za-z0-9_.-]\n", param_name,
			       STUB_NAME_LEN - 1);
			return -EINVAL;
		}
		strscpy(cfg->name, param_name, sizeof(cfg->name));
	}
	if (param_regions) {
		copy = kstrdup(param_regions, GFP_KERNEL);
		if (!copy)
			return -ENOMEM;
		ret = stub_parse_regions(cfg, copy);
		kfree(copy);
		if (ret)
			return ret;
	}
	ret = stub_add_buffer_param(cfg, "vmalloc", param_vmalloc, STUB_VMALLOC);
	if (!ret)
		ret = stub_add_buffer_param(cfg, "logical", param_logical, STUB_LOGICAL);
	if (!ret)
		ret = stub_add_buffer_param(cfg, "dma", param_dma, STUB_DMA);
	if (ret)
		return ret;
	if (param_irq < 0) {
		pr_err("irq: %d is not an interrupt number\n", param_irq);
		return -EINVAL;
	}
	cfg->irq = param_irq;
	if (param_timer_ms && param_timer_us) {
		pr_err("timer_ms and timer_us: give one period, not both\n");
		return -EINVAL;
	}
	if (param_timer_ms > 60000 || (param_timer_us && param_timer_us < 10)) {
		pr_err("timer_ms/timer_us: the period must be between 10 us and 60 s\n");
		return -EINVAL;
	}
	cfg->timer_us = param_timer_ms ? param_timer_ms * 1000 : param_timer_us;
	return stub_check_config("parameters", cfg);
}

static int __init stub_init(void)
{
	struct stub_config *cfg;
	int ret;

	ret = platform_driver_register(&stub_driver);
	if (ret)
		return ret;
	ret = stub_register_amba();
	if (ret) {
		platform_driver_unregister(&stub_driver);
		return ret;
	}
	if (!param_regions && !param_vmalloc && !param_logical && !param_dma && !param_irq &&
	    !param_timer_ms && !param_timer_us)
		return 0;	/* device-tree binding only */

	cfg = kzalloc(sizeof(*cfg), GFP_KERNEL);
	ret = cfg ? stub_params_config(cfg) : -ENOMEM;
	if (ret)
		goto fail;
	/* A parent for the UIO device. Its name differs from the driver's so the platform bus
	 * does not bind the two: a failure here must fail the load, not a later probe. */
	stub_param_pdev = platform_device_register_simple("uio_stub_param", PLATFORM_DEVID_NONE,
							  NULL, 0);
	if (IS_ERR(stub_param_pdev)) {
		ret = PTR_ERR(stub_param_pdev);
		goto fail;
	}
	ret = dma_coerce_mask_and_coherent(&stub_param_pdev->dev, DMA_BIT_MASK(32));
	if (ret) {
		pr_err("cannot set a 32-bit DMA mask (%d)\n", ret);
		goto fail_pdev;
	}
	stub_param_dev = stub_create(&stub_param_pdev->dev, cfg, NULL, 0);
	if (IS_ERR(stub_param_dev)) {
		ret = PTR_ERR(stub_param_dev);
		goto fail_pdev;
	}
	kfree(cfg);
	return 0;

fail_pdev:
	platform_device_unregister(stub_param_pdev);
fail:
	kfree(cfg);
	stub_unregister_amba();
	platform_driver_unregister(&stub_driver);
	pr_err("not loaded: the parameters describe no usable device (%d)\n", ret);
	return ret;
}

static void __exit stub_exit(void)
{
	if (stub_param_pdev) {
		stub_destroy(stub_param_dev);
		platform_device_unregister(stub_param_pdev);
	}
	stub_unregister_amba();
	platform_driver_unregister(&stub_driver);
}

module_init(stub_init);
module_exit(stub_exit);

MODULE_DESCRIPTION("uiokit generic UIO driver: device-tree nodes or module parameters");
MODULE_AUTHOR("uiokit");
MODULE_LICENSE("GPL");
